"""supplement.yaml: cited facts beside cica.yaml, checked against its sources when loaded."""

import re
import shutil

import pytest
import yaml
from django.conf import settings

from cica.core.roles import SYSTEM
from cica.reference.actions import load_reference
from cica.reference.loader import ReferenceDataError, parse
from cica.registry.models import CitedFact

SUPPLEMENT = settings.CICA_REFERENCE_PATH.with_name("supplement.yaml")
# The seed articles, in ../shared/seeds beside the checkout (or beside a worktree's parent).
SEEDS = next(
    (
        folder / "shared" / "seeds"
        for folder in settings.CICA_REFERENCE_PATH.parents
        if (folder / "shared" / "seeds").is_dir()
    ),
    None,
)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_quote_is_the_seed_articles_own_words():
    if SEEDS is None:
        pytest.skip("no ../shared/seeds beside the checkout")
    files = {source.id: source.file for source in parse(settings.CICA_REFERENCE_PATH).data.sources}
    facts = yaml.safe_load(SUPPLEMENT.read_text(encoding="utf-8"))["about"]

    quotes = [quote for fact in facts for quote in fact.get("quotes", [])]
    assert len(quotes) >= 8
    for quote in quotes:
        article = _words((SEEDS / files[quote["source"]]).read_text(encoding="utf-8"))
        assert _words(quote["en"]) in article, quote["en"]


def test_each_share_has_one_source_and_that_sources_date():
    """Shares of Asia's territory, the world's population and GDP are never merged: seed-000
    (2021-10) and seed-003 (2025) each give their own."""
    dates = {source.id: source.date for source in parse(settings.CICA_REFERENCE_PATH).data.sources}
    shares = [
        fact
        for fact in parse(settings.CICA_REFERENCE_PATH).data.supplement.about
        if fact.key == "share"
    ]

    assert [(share.sources, share.date) for share in shares] == [
        (["seed-000"], dates["seed-000"]),
        (["seed-003"], dates["seed-003"]),
    ]


def _copy_with_supplement(tmp_path, old: str, new: str):
    shutil.copy(settings.CICA_REFERENCE_PATH, tmp_path / "cica.yaml")
    text = SUPPLEMENT.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "supplement.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path / "cica.yaml", text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            "sources: [seed-000]",
            "sources: [seed-999]",
            "unknown source id 'seed-999'",
        ),
        (
            "sources: [seed-004, s-cica-about, seed-003]",
            "sources: [seed-004, seed-003]",
            "meta.initiative is cited by s-cica-about: cite them too",
        ),
        (
            "see: calendar.name=CICA Day",
            "see: calendar.name=CICA Night",
            "no record 'calendar.name=CICA Night' in the file",
        ),
        (
            "      - source: seed-000",
            "      - source: seed-001",
            "'seed-001' is quoted, not cited",
        ),
    ],
)
def test_a_faulty_supplement_names_its_fault_and_loads_nothing(db, tmp_path, old, new, reason):
    path, line = _copy_with_supplement(tmp_path, old, new)
    before = list(CitedFact.objects.filter(topic__startswith="about-").values_list("pk", flat=True))

    with pytest.raises(ReferenceDataError) as raised:
        load_reference(acting_user=SYSTEM, path=path)

    assert raised.value.path.endswith("supplement.yaml")
    assert raised.value.reason == reason
    assert raised.value.line is not None and raised.value.line <= line
    assert (
        list(CitedFact.objects.filter(topic__startswith="about-").values_list("pk", flat=True))
        == before
    )
