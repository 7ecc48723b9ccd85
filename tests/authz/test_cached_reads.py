"""Every write of the record is audited under a type that each cached read of it lists
(core.cache), or that read keeps serving what it stored before the write.

The writes are real ones: every write route of the authorization table, sent by a role it
allows, with the objects of its row built by the actions; and every effect of an adopted
decision. A failure names the read, the table written and the route or action.
"""

import pytest
import weasyprint

from cica.core import cache, clock
from cica.decisions import actions as decisions
from cica.decisions.models import Draft
from cica.documents import actions as documents
from cica.registry.models import State
from tests.audited_writes import audited_writes
from tests.authz.cast import ROLES, make_user
from tests.authz.test_rule_table import (
    NOT_AUDITED,
    PAYLOADS,
    ROWS,
    STATES,
    Row,
    World,
    _client,
    _params,
    _send,
)
from tests.decisions.conftest import adopt, candidate, sign_founding_documents

DONE = {200, 201, 204, 302}


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """What a write leaves to after its commit (a notice, a task enqueued) runs before the
    context ends, inside the watch."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def tasks_at_once(settings, after_commit):
    """As after_commit, and a task enqueued then runs at once, as the worker would run it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return after_commit


def _acting_role(row: Row) -> str:
    """A role the row lets write (a redirect to sign in is not a write done), else one refused:
    a refusal may write too."""
    expected = dict(row.expected)
    allowed = [
        role
        for role in ROLES
        if expected[role] in DONE and (expected[role] != 302 or role != "anonymous")
    ]
    return (allowed or ["secretariat"])[0]


WRITES = [
    (row, _acting_role(row)) for row in ROWS if row.method != "GET" and row.path not in NOT_AUDITED
]


@pytest.mark.parametrize(("row", "role"), WRITES, ids=[row.cell_id(role) for row, role in WRITES])
def test_a_write_route_is_audited_for_every_cached_read_of_what_it_writes(
    db, clock_at_now, after_commit, row: Row, role: str
):
    with audited_writes() as writes, after_commit():
        # given: the row's objects, each made by its action
        writes.where = f"building {row.state or 'the cast'!r} for {row.key}"
        user = make_user(role, f"role-{role}")
        made = STATES[row.state](World(clock_at_now, user)) if row.state else {}
        url = row.path.format(**_params(row, made))
        payload = PAYLOADS[row.key](made) if row.key in PAYLOADS else None

        # when
        writes.where = f"{row.key} as {role}"
        response = _send(_client(row, user), row, url, payload)

    # then
    assert response.status_code == dict(row.expected)[role], response.content[:600]
    assert writes.blocks, "no write was seen: the wrapper no longer follows the transactions"
    assert not writes.misses, writes.report()


def _preapproved(officer, traveller):
    adopt(officer, traveller, kind="preapprove_observer", effect={"state": "MA"}, body="soc")


def _candidate(officer, traveller):
    candidate(officer, traveller, "MY")
    sign_founding_documents(officer, "MY")


def _applicant(officer, traveller):
    decisions.record_application(
        acting_user=officer,
        state=State.objects.get(code="MY"),
        kind="membership",
        date=clock.today(),
    )


def _nothing(officer, traveller):
    pass


# Each decision kind with an effect: what it needs first, its effect and the body that adopts it.
EFFECTS = {
    "admit_member": (_candidate, {"state": "MY"}, "ministerial"),
    "approve_admission": (_applicant, {"state": "MY"}, "soc"),
    "preapprove_observer": (_nothing, {"state": "MA"}, "soc"),
    "grant_observer": (_preapproved, {"state": "MA"}, "ministerial"),
    "approve_chairmanship": (
        _nothing,
        {"state": "KZ", "from": "2026-12-31", "to": "2028-12-31"},
        "ministerial",
    ),
    "appoint_head": (
        _nothing,
        {"person": "Kairat Sarybay", "nationality": "KZ"},
        "ministerial",
    ),
    "rename_body": (
        _nothing,
        {"body": "soc", "name_en": "Council of Senior Officials", "name_ru": ""},
        "summit",
    ),
    "adopt_document": (_nothing, {"document": "rop-amend-2021"}, "soc"),
    "assign_coordinator": (
        _nothing,
        {"area": "finance", "state": "KZ", "role": "coordinator"},
        "soc",
    ),
}


def test_every_kind_with_an_effect_is_adopted_here():
    assert set(EFFECTS) == set(Draft.Kind.values) - {Draft.Kind.STATEMENT}


@pytest.mark.parametrize("kind", sorted(EFFECTS))
def test_an_effect_is_audited_for_every_cached_read_of_what_it_writes(db, clock_at_now, kind: str):
    needs, effect, body = EFFECTS[kind]
    with audited_writes() as writes:
        writes.where = f"before the adoption of {kind}"
        officer = make_user("secretariat", "effects-officer")
        needs(officer, clock_at_now)

        writes.where = f"the adoption of {kind} and its effect"
        decision = adopt(officer, clock_at_now, kind=kind, effect=effect, body=body)

    assert decision.effect_status == "applied"
    assert not writes.misses, writes.report()


def test_every_declared_read_is_watched():
    with audited_writes() as writes:
        pass

    assert set(writes.reads) == set(cache.READS)


def test_the_text_of_a_file_read_by_the_worker_is_audited_for_every_cached_read(
    db, clock_at_now, tasks_at_once
):
    officer = make_user("secretariat", "files-officer")
    document = STATES["adopted treaty"](World(clock_at_now))["document"]
    content = weasyprint.HTML(string="<p>Ratification of the Convention</p>").write_pdf()

    with audited_writes() as writes, tasks_at_once():
        writes.where = "attaching a PDF, then the worker's reading of its text"
        stored = documents.attach_file(
            acting_user=officer,
            document=document,
            name="convention.pdf",
            content=content,
            language="en",
        )

    stored.refresh_from_db()
    assert stored.text_status == "extracted"
    assert writes.blocks >= 2
    assert not writes.misses, writes.report()
