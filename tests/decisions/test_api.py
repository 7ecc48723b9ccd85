import datetime as dt

import pytest
from django.test import Client

from cica.core.audit import compute_hash
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions import actions
from tests.conftest import bearer_client, recorded_acts


@pytest.fixture
def as_officer(officer):
    return bearer_client(officer)


@pytest.fixture
def as_kz(kz_delegate):
    return bearer_client(kz_delegate)


def _post(client, url, payload=None):
    return client.post(url, payload or {}, content_type="application/json")


def test_create_draft_then_open_a_silence_procedure(as_officer):
    # given
    created = _post(
        as_officer,
        "/api/v1/drafts",
        {
            "kind": "statement",
            "title": "Statement on the 35th anniversary of CICA",
            "text_en": "The Member States welcome ...",
            "text_ru": "",
        },
    )
    assert created.status_code == 201, created.content
    version = created.json()["version"]
    assert version["number"] == 1 and len(version["hash"]) == 64

    # when
    deadline = "2026-12-07T12:00:00+05:00"
    opened = _post(
        as_officer,
        "/api/v1/procedures",
        {"version": version["id"], "kind": "silence", "body": "soc", "deadline": deadline},
    )

    # then
    assert opened.status_code == 201, opened.content
    procedure = opened.json()
    assert procedure["status"] == "open"
    assert procedure["deadline"].startswith("2026-12-07T07:00:00")
    assert procedure["deadline_astana"].startswith("2026-12-07T12:00:00+05:00")
    assert len(procedure["eligible_states"]) == 28
    draft = as_officer.get(f"/api/v1/drafts/{created.json()['id']}").json()
    assert draft["versions"][0]["translation_pending"] is True
    assert draft["procedures"][0]["status"] == "open"


def test_a_break_answers_with_a_receipt(silence, as_kz):
    response = _post(as_kz, f"/api/v1/procedures/{silence.pk}/break", {"reason": "Not agreed"})

    assert response.status_code == 201
    receipt = response.json()["receipt"]
    assert AuditEntry.objects.get(seq=receipt["entry"]).hash == receipt["hash"]
    assert as_kz.get(f"/api/v1/procedures/{silence.pk}").json()["status"] == "broken"


def test_a_late_break_is_409_with_the_deadline(silence, as_kz, clock_at_now):
    clock_at_now.move_to(silence.deadline + dt.timedelta(seconds=1))

    response = _post(as_kz, f"/api/v1/procedures/{silence.pk}/break", {"reason": "late"})

    assert response.status_code == 409
    assert response.json()["code"] == "deadline_passed"
    assert silence.deadline.isoformat() in response.json()["detail"]


def test_a_break_without_reason_names_the_field(silence, as_kz):
    response = _post(as_kz, f"/api/v1/procedures/{silence.pk}/break", {"reason": "  "})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"


@pytest.mark.parametrize("too_late", ["9999-12-31T20:00:00+00:00", "9999-12-31T23:59:59-12:00"])
def test_a_deadline_past_the_calendar_is_refused_naming_it(version, silence, as_officer, too_late):
    """Astana's clock could not show it: the procedure was stored, and every answer that
    showed its deadline failed (a 500)."""
    # given
    deadline = silence.deadline

    # when
    opened = _post(
        as_officer,
        "/api/v1/procedures",
        {"version": version.pk, "kind": "silence", "body": "soc", "deadline": too_late},
    )
    extended = _post(
        as_officer,
        f"/api/v1/procedures/{silence.pk}/extend",
        {"deadline": too_late, "chair_instruction": "the Chair's note of 2026-11-20"},
    )

    # then
    for response in (opened, extended):
        assert response.status_code == 422, response.content
        assert response.json()["errors"][0]["field"] == "deadline"
    silence.refresh_from_db()
    assert silence.deadline == deadline
    assert version.procedures.count() == 1
    assert as_officer.get(f"/api/v1/procedures/{silence.pk}").status_code == 200


def test_the_diff_between_versions(officer, draft, as_officer):
    actions.add_version(
        acting_user=officer, draft=draft, text_en="The Member States warmly welcome ..."
    )

    response = as_officer.get(
        f"/api/v1/drafts/{draft.pk}/diff", {"from_version": 1, "to_version": 2, "language": "en"}
    )

    assert response.status_code == 200
    diff = response.json()["diff"]
    assert "-The Member States welcome ..." in diff
    assert "+The Member States warmly welcome ..." in diff


def test_decisions_are_public_and_the_record_is_for_participants(silence, clock_at_now, as_kz):
    clock_at_now.shift(dt.timedelta(weeks=3))
    decision = actions.record_adoption(procedure_id=silence.pk, acting_user=SYSTEM)
    client = Client()

    listed = client.get("/api/v1/decisions").json()
    record = as_kz.get("/api/v1/audit", {"after": 0, "page_size": 200}).json()
    assert client.get("/api/v1/audit").status_code == 401

    mine = next(item for item in listed["items"] if item["id"] == decision.pk)
    assert mine["symbol"] == "CICA/SOC/DEC/2026/1"
    assert mine["version_hash"] == silence.version.hash
    assert record["items"][0]["seq"] == 1
    entry = AuditEntry.objects.get(seq=record["items"][-1]["seq"])
    assert compute_hash(entry) == record["items"][-1]["hash"]


def test_procedures_are_not_public(silence):
    assert Client().get(f"/api/v1/procedures/{silence.pk}").status_code == 401


def test_an_unknown_procedure_is_404(as_kz):
    assert as_kz.get("/api/v1/procedures/999999").status_code == 404


# -- Permission matrix: every write endpoint against every role ---------------------------------

ROLES = ["anonymous", "jp_observer", "kz_delegate", "chair_delegate", "officer"]


def _meeting(chair_delegate, version, soc):
    return actions.open_meeting_procedure(acting_user=chair_delegate, version=version, body=soc)


def _adopted(silence, clock):
    clock.shift(dt.timedelta(weeks=3))
    return actions.record_adoption(procedure_id=silence.pk, acting_user=SYSTEM)


WRITES = {
    "create draft": (
        lambda f: "/api/v1/drafts",
        {"kind": "statement", "title": "T", "text_en": "T"},
        {"kz_delegate", "chair_delegate", "officer"},
    ),
    "add version": (
        lambda f: f"/api/v1/drafts/{f['draft'].pk}/versions",
        {"text_en": "Revised"},
        {"officer"},
    ),
    "open procedure": (
        lambda f: "/api/v1/procedures",
        lambda f: {"version": f["version"].pk, "kind": "silence", "body": "soc"},
        {"chair_delegate", "officer"},
    ),
    "break silence": (
        lambda f: f"/api/v1/procedures/{f['silence'].pk}/break",
        {"reason": "No"},
        {"kz_delegate", "chair_delegate"},
    ),
    "comment": (
        lambda f: f"/api/v1/procedures/{f['silence'].pk}/comments",
        {"text": "A remark"},
        {"jp_observer", "kz_delegate", "chair_delegate", "officer"},
    ),
    "extend": (
        lambda f: f"/api/v1/procedures/{f['silence'].pk}/extend",
        lambda f: {
            "deadline": (f["silence"].deadline + dt.timedelta(days=3)).isoformat(),
            "chair_instruction": "the Chair's note of 2026-11-20",
        },
        {"chair_delegate", "officer"},
    ),
    "withdraw": (
        lambda f: f"/api/v1/procedures/{f['silence'].pk}/withdraw",
        {},
        {"officer"},
    ),
    "object": (
        lambda f: f"/api/v1/procedures/{f['meeting'].pk}/objections",
        {"reason": "No"},
        {"kz_delegate", "chair_delegate"},
    ),
    "record outcome": (
        lambda f: f"/api/v1/procedures/{f['meeting'].pk}/outcome",
        lambda f: {"present": list(f["meeting"].eligible_states.values_list("code", flat=True))},
        {"chair_delegate", "officer"},
    ),
    "interpretative statement": (
        lambda f: f"/api/v1/decisions/{f['decision'].pk}/statements",
        {"text": "Our reading"},
        {"kz_delegate", "chair_delegate"},
    ),
    "rename state": (
        lambda f: "/api/v1/states/US",
        {"name_en": "United States of America", "name_ru": "США"},
        {"officer"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", list(WRITES))
def test_only_the_allowed_roles_succeed(
    request,
    write,
    role,
    officer,
    kz_delegate,
    chair_delegate,
    jp_observer,
    draft,
    version,
    soc,
    clock_at_now,
):
    # given: the objects each write needs, and a client for the role
    url_of, payload, allowed = WRITES[write]
    objects = {"draft": draft, "version": version}
    if write in {"break silence", "comment", "extend", "withdraw"}:
        objects["silence"] = request.getfixturevalue("silence")
    if write in {"object", "record outcome"}:
        objects["meeting"] = _meeting(chair_delegate, version, soc)
    if write == "interpretative statement":
        objects["decision"] = _adopted(request.getfixturevalue("silence"), clock_at_now)
    if write == "open procedure":
        draft_for_opening = actions.create_draft(
            acting_user=officer, kind="statement", title="To open", text_en="Text"
        )
        objects["version"] = draft_for_opening.versions.get()
    client = Client() if role == "anonymous" else bearer_client(request.getfixturevalue(role))
    entries = recorded_acts()

    # when
    method = client.patch if write == "rename state" else client.post
    body = payload(objects) if callable(payload) else payload
    response = method(url_of(objects), body, content_type="application/json")

    # then
    if role in allowed:
        assert response.status_code in (200, 201), response.content
        assert recorded_acts() > entries
    else:
        assert response.status_code == (401 if role == "anonymous" else 403), response.content
        assert recorded_acts() == entries


def test_the_record_withholds_the_details_of_another_states_draft(
    kz_delegate, in_delegate, officer
):
    # given: Kazakhstan's draft, not yet circulated
    head = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    actions.create_draft(
        acting_user=kz_delegate, kind="statement", title="Our own wording", text_en="Private."
    )

    # when
    def created(user) -> dict:
        record = bearer_client(user).get("/api/v1/audit", {"after": head}).json()
        return next(i for i in record["items"] if i["action"] == "decisions.create_draft")

    # then
    assert created(in_delegate)["redacted"] is True
    assert created(in_delegate)["payload"] == {}
    assert created(kz_delegate)["payload"]["proposer"] == "member_state"
    assert created(officer)["payload"]["kind"] == "statement"
