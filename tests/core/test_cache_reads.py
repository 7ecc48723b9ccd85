"""Cached reads declared once, on the read (core.cache.cached_read): what each reads is named
there, it is all that it reads, and a write it reads is audited under a type it lists (the
watch of tests/audited_writes.py, here shown to catch a write that is not)."""

import re
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cica.core import audit, cache
from cica.meetings import actions as meetings
from cica.meetings.models import AgendaItem, Meeting
from cica.meetings.queries import decisions_taken
from cica.registry.models import State
from tests.audited_writes import audited_writes

SRC = Path(cache.__file__).resolve().parents[1]

# Each declared read, and a public address that builds it with rows to read.
BUILT_BY = {
    "registry.key_figures": "/api/v1/figures",
    "registry.states": "/api/v1/states?page_size=200",
    "registry.state": "/api/v1/states/KZ",
    "meetings.list": "/api/v1/meetings?page_size=200",
    "meetings.meeting": "/api/v1/meetings/{meeting}",
    "meetings.ics": "/api/v1/meetings.ics?since=1990-01-01",
    "documents.list": "/api/v1/documents?page_size=200",
    "documents.document": "/api/v1/documents/{document}",
    "cbm.review": "/api/v1/cbm/review?from=1990-01-01",
}
_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


@pytest.fixture
def declared(monkeypatch):
    """The table of declared reads, restored after the test."""
    monkeypatch.setattr(cache, "READS", dict(cache.READS))
    return cache.READS


def test_every_read_names_what_exists():
    assert set(cache.READS) == set(BUILT_BY)
    for name in cache.READS:
        assert "" in cache.object_types(name)  # a load of the whole record
        assert cache.tables(name)


def test_a_name_is_declared_once(declared):
    cache.cached_read("tests.twice", reads=("registry",))(lambda: 1)

    with pytest.raises(ValueError, match=r"tests\.twice"):
        cache.cached_read("tests.twice", reads=("meetings",))(lambda: 2)


def test_a_read_is_built_once_per_arguments_and_state_of_what_it_reads(
    db, declared, secretariat_officer
):
    built = []

    @cache.cached_read("tests.state_name", reads=("registry",))
    def state_name(code: str, language: str = "en") -> str:
        built.append((code, language))
        return State.objects.get(code=code).name_en

    # given: built once, whether the arguments are given by position, name or default
    assert state_name("KZ") == state_name("KZ", "en") == state_name(code="KZ") == "Kazakhstan"
    state_name("KZ", language="ru")
    assert built == [("KZ", "en"), ("KZ", "ru")]

    # when: a change it does not read, then one it reads
    with transaction.atomic():
        audit.record(actor=secretariat_officer, action="tests.other", obj=secretariat_officer)
    state_name("KZ")
    with transaction.atomic():
        State.objects.filter(code="KZ").update(name_en="Qazaqstan")
        audit.record(
            actor=secretariat_officer, action="tests.rename", obj=State.objects.get(code="KZ")
        )

    # then
    assert state_name("KZ") == "Qazaqstan"
    assert built == [("KZ", "en"), ("KZ", "ru"), ("KZ", "en")]


_FRAGMENT = re.compile(r"{%\s*cache\s+(.*?)%}")


def _fragments() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(SRC)), tag)
        for path in sorted(SRC.glob("*/templates/**/*.html"))
        for tag in _FRAGMENT.findall(path.read_text(encoding="utf-8"))
    ]


def test_every_cached_fragment_takes_its_version_from_a_declared_read():
    fragments = _fragments()

    assert fragments
    for path, tag in fragments:
        found = re.fullmatch(r'\d+ \w+ "([\w.]+)"\|record_version .*using="records" ', tag)
        assert found, f"{path}: {tag}"
        assert found.group(1) in cache.READS, f"{path} names no declared read"


@pytest.fixture
def tables_read(monkeypatch):
    """The tables each declared read selects from while it is built, by its name."""
    build_read = cache.build_read
    read: dict[str, set[str]] = {}

    def building(name, function, args, kwargs):
        with CaptureQueriesContext(connection) as queries:
            value = build_read(name, function, args, kwargs)
        read.setdefault(name, set()).update(
            table for query in queries for table in _TABLE.findall(query["sql"])
        )
        return value

    monkeypatch.setattr(cache, "build_read", building)
    return read


@pytest.fixture
def meeting(secretariat_officer):
    """A meeting of the record with decisions taken, an agenda item and a delegation."""
    found = next(
        meeting
        for meeting in Meeting.objects.filter(body__isnull=False).order_by("pk")
        if decisions_taken(meeting).filter(sources__isnull=False).exists()
    )
    meetings.record_delegation(
        acting_user=secretariat_officer,
        meeting=found,
        level="minister",
        state=State.objects.get(code="KZ"),
        head="The Minister",
    )
    AgendaItem.objects.create(meeting=found, position=99, title="Any other business")
    return found


@pytest.mark.parametrize("name", sorted(BUILT_BY))
def test_a_read_selects_only_from_what_it_declares(db, client, tables_read, meeting, name):
    document = State.objects.get(code="KZ").treaty_actions.order_by("pk").first().document.key
    url = BUILT_BY[name].format(meeting=meeting.pk, document=document)

    assert client.get(url).status_code == 200

    assert tables_read[name]
    undeclared = tables_read[name] - cache.tables(name)
    assert not undeclared, f"{name} reads {sorted(undeclared)}, not in what it declares"


# ---- the watch of writes can fail ------------------------------------------------------------


def test_a_write_without_its_audit_entry_is_caught(db):
    with audited_writes() as writes:
        writes.where = "renaming Kazakhstan by hand"
        with transaction.atomic():
            State.objects.filter(code="KZ").update(name_en="Qazaqstan")

    misses = {miss.read: miss for miss in writes.misses}
    assert {"registry.states", "registry.state", "meetings.list", "cbm.review"} <= set(misses)
    assert misses["registry.states"].tables == ("registry_state",)
    report = writes.report()
    assert "renaming Kazakhstan by hand" in report
    assert "registry_state" in report
    assert "'registry.states'" in report


def test_a_write_audited_under_a_type_its_reader_does_not_list_is_caught(db, secretariat_officer):
    with audited_writes(["meetings.list", "registry.states"]) as writes, transaction.atomic():
        Meeting.objects.filter(pk=Meeting.objects.order_by("pk").first().pk).update(city="Nowhere")
        audit.record(actor=secretariat_officer, action="tests.move", obj=secretariat_officer)

    assert [(miss.read, miss.tables, miss.types) for miss in writes.misses] == [
        ("meetings.list", ("meetings_meeting",), ("accounts.user",))
    ]


def test_a_write_outside_a_transaction_is_caught(db):
    with audited_writes(["registry.states"]) as writes:
        State.objects.filter(code="KZ").update(name_en="Qazaqstan")

    assert [miss.tables for miss in writes.misses] == [("registry_state",)]


class _Undone(Exception):
    pass


def test_an_audited_write_or_one_rolled_back_passes(db, secretariat_officer):
    with audited_writes() as writes:
        with transaction.atomic():
            State.objects.filter(code="KZ").update(name_en="Qazaqstan")
            with transaction.atomic():  # an action inside an action: one audit entry for both
                audit.record(
                    actor=secretariat_officer, action="tests.rename", obj=State.objects.first()
                )
        with pytest.raises(_Undone), transaction.atomic():
            State.objects.filter(code="KZ").update(name_en="Undone")
            raise _Undone

    assert writes.blocks == 1
    assert not writes.misses
