import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.reference.actions import load_reference
from cica.reference.loader import ReferenceDataError
from cica.registry import actions as registry_actions
from cica.registry.models import (
    BodyName,
    Chairmanship,
    MembershipStatus,
    Organization,
    Source,
    State,
)

COUNTED = (State, Organization, Source, MembershipStatus, BodyName, Chairmanship)


def _snapshot() -> dict:
    return {
        "counts": {model.__name__: model.objects.count() for model in COUNTED},
        "statuses": sorted(
            MembershipStatus.objects.values_list(
                "state__code", "organization__code", "status", "valid_from", "valid_to"
            ),
            key=str,
        ),
        "names": dict(State.objects.values_list("code", "name_ru")),
    }


def _broken_copy(tmp_path, old: str, new: str):
    text = settings.CICA_REFERENCE_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return path, line


def test_loading_twice_gives_the_same_registry(db):
    # given: the session loaded the bundled data once
    before = _snapshot()

    # when
    report = load_reference(acting_user=SYSTEM)

    # then
    assert _snapshot() == before
    assert report.counts["states"] == 42
    assert (
        AuditEntry.objects.filter(action="reference.load").last().payload["sha256"] == report.sha256
    )


def test_the_bundled_data_is_the_shared_reference(db):
    shared = settings.CICA_REFERENCE_PATH.parents[4].parent / "shared" / "reference" / "cica.yaml"
    if not shared.exists():
        pytest.skip("no ../shared beside the checkout")
    assert shared.read_bytes() == settings.CICA_REFERENCE_PATH.read_bytes()


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            'from: "2022-10-13", basis: admission',
            'from: "2022-13-13", basis: admission',
            "not a date",
        ),
        (
            "sources: [inform-3990035, nova-kuwait",
            "sources: [no-such-source, nova-kuwait",
            "unknown source id 'no-such-source'",
        ),
        (
            '{status: member, from: "2022-10-13"',
            '{status: emperor, from: "2022-10-13"',
            "'emperor' is not one of",
        ),
        ("  - iso2: KW\n", "  - iso2: KW\n    oops: [unclosed\n", "not valid YAML"),
        ("  - iso2: KW\n", "  - iso2: kuwait\n", "String should match pattern"),
    ],
    ids=["date", "source", "status", "syntax", "code"],
)
def test_a_malformed_file_names_file_line_and_reason_and_loads_nothing(
    db, tmp_path, old, new, reason
):
    # given
    path, line = _broken_copy(tmp_path, old, new)
    before = _snapshot()
    audit_entries = AuditEntry.objects.count()

    # when
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(acting_user=SYSTEM, path=path)

    # then
    error = raised.value
    assert error.path == str(path)
    assert reason in error.reason
    # YAML reports a syntax error where the parser noticed it, a line or two on.
    assert line <= error.line <= line + 2
    assert _snapshot() == before
    assert AuditEntry.objects.count() == audit_entries


def test_the_command_reports_the_fault_and_that_nothing_was_loaded(db, tmp_path):
    path, line = _broken_copy(
        tmp_path, "sources: [inform-3990035, nova-kuwait", "sources: [no-such-source, nova-kuwait"
    )

    with pytest.raises(CommandError) as raised:
        call_command("load_reference", str(path))

    assert f"{path}:{line}: " in str(raised.value)
    assert "Nothing was loaded." in str(raised.value)


def test_a_missing_file_is_reported(db, tmp_path):
    with pytest.raises(ReferenceDataError, match="cannot read the file"):
        load_reference(acting_user=SYSTEM, path=tmp_path / "absent.yaml")


def test_names_edited_by_the_secretariat_survive_a_reload(db, secretariat_officer):
    # given
    us = State.objects.get(code="US")
    registry_actions.rename_state(
        acting_user=secretariat_officer,
        state=us,
        name_en="United States of America",
        name_ru="Соединённые Штаты Америки",
    )

    # when
    load_reference(acting_user=SYSTEM)

    # then
    us.refresh_from_db()
    assert (us.name_en, us.name_ru) == ("United States of America", "Соединённые Штаты Америки")


def test_states_beyond_cica_are_seeded_from_iso_3166(db):
    france = State.objects.get(code="FR")
    assert france.name_en == "France"
    assert france.name_ru == "Франция"
    assert france.name_ru_basis == "pycountry"
    assert State.objects.count() >= 249


def test_every_loaded_status_cites_its_sources(db):
    assert not MembershipStatus.objects.filter(sources__isnull=True).exists()


def test_records_made_by_actions_survive_a_reload(db, member_state):
    # given: a status that did not come from the reference data
    status = member_state.statuses.get()
    assert not status.from_reference

    # when
    load_reference(acting_user=SYSTEM)

    # then
    assert MembershipStatus.objects.filter(pk=status.pk).exists()
