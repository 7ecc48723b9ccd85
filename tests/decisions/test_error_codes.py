"""The API answers each refusal of the decision path with its own code, in the client's language."""

import datetime as dt

import pytest

from cica.decisions import actions
from tests.conftest import bearer_client


@pytest.fixture
def as_kz(kz_delegate):
    return bearer_client(kz_delegate)


@pytest.fixture
def meeting(officer, version, soc):
    """The version put to a meeting of the SOC."""
    return actions.open_meeting_procedure(acting_user=officer, version=version, body=soc)


def _post(client, url, payload, **headers):
    return client.post(url, payload, content_type="application/json", headers=headers)


def _reason(response) -> tuple[int, str, str]:
    problem = response.json()
    return response.status_code, problem["code"], problem["type"]


def test_a_break_after_the_deadline_is_deadline_passed(silence, as_kz, clock_at_now):
    clock_at_now.move_to(silence.deadline + dt.timedelta(seconds=1))

    response = _post(as_kz, f"/api/v1/procedures/{silence.pk}/break", {"reason": "late"})

    assert _reason(response) == (409, "deadline_passed", "urn:cica:error:deadline_passed")
    assert response["Content-Type"] == "application/problem+json"


def test_a_second_break_is_silence_already_broken(silence, as_kz, in_delegate):
    _post(as_kz, f"/api/v1/procedures/{silence.pk}/break", {"reason": "Not agreed"})

    response = _post(
        bearer_client(in_delegate), f"/api/v1/procedures/{silence.pk}/break", {"reason": "No"}
    )

    assert _reason(response)[:2] == (409, "silence_already_broken")


def test_a_second_objection_is_already_objected(meeting, as_kz):
    first = _post(as_kz, f"/api/v1/procedures/{meeting.pk}/objections", {"reason": "No"})

    again = _post(as_kz, f"/api/v1/procedures/{meeting.pk}/objections", {"reason": "Still no"})

    assert first.status_code == 201
    assert _reason(again) == (409, "already_objected", "urn:cica:error:already_objected")


def test_an_objection_to_a_silence_procedure_is_not_a_meeting_procedure(silence, as_kz):
    response = _post(as_kz, f"/api/v1/procedures/{silence.pk}/objections", {"reason": "No"})

    assert _reason(response)[:2] == (409, "not_a_meeting_procedure")


def test_a_version_put_to_a_second_procedure_is_version_in_procedure(silence, officer, version):
    response = _post(
        bearer_client(officer),
        "/api/v1/procedures",
        {"version": version.pk, "kind": "meeting", "body": "soc"},
    )

    assert _reason(response)[:2] == (409, "version_in_procedure")
    assert response.json()["errors"][0]["field"] == "version"


def test_an_admission_put_to_the_soc_is_not_competent(officer, clock_at_now):
    from tests.decisions.conftest import candidate, sign_founding_documents

    candidate(officer, clock_at_now, "MY")
    sign_founding_documents(officer, "MY")
    draft = actions.create_draft(
        acting_user=officer,
        kind="admit_member",
        title="Admission of Malaysia",
        text_en="Admit Malaysia.",
        effect={"state": "MY"},
    )

    response = _post(
        bearer_client(officer),
        "/api/v1/procedures",
        {"version": draft.versions.get().pk, "kind": "silence", "body": "soc"},
    )

    assert _reason(response) == (422, "not_competent", "urn:cica:error:not_competent")


def test_a_refusal_is_in_russian_when_the_client_asks(silence, as_kz, clock_at_now):
    clock_at_now.move_to(silence.deadline + dt.timedelta(seconds=1))

    response = _post(
        as_kz,
        f"/api/v1/procedures/{silence.pk}/break",
        {"reason": "late"},
        **{"Accept-Language": "ru"},
    )

    problem = response.json()
    assert problem["code"] == "deadline_passed"
    assert problem["detail"] == f"Срок истёк {silence.deadline.isoformat()}: текст принят."
    assert problem["title"] == "Конфликт"
