"""Extending a silence deadline is the Chair's act, as the silence procedure was specified: the
Chair extends, never shortens; the Secretariat extends only acting for the Chair, and the record
names the Chair's instruction."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.test import Client

from cica.core import clock
from cica.core.errors import PermissionDenied
from cica.core.models import AuditEntry
from cica.decisions import actions
from cica.decisions.models import Extension
from tests.conftest import bearer_client, recorded_acts

INSTRUCTION = "Note of the Chairmanship No. 12/2026 of 2026-11-22"


def _later(silence, days: int = 7) -> dt.datetime:
    return silence.deadline + dt.timedelta(days=days)


def test_the_secretariat_without_the_chairs_instruction_is_refused(silence, officer):
    deadline = silence.deadline

    with pytest.raises(PermissionDenied) as refused:
        actions.extend_deadline(acting_user=officer, procedure=silence, deadline=_later(silence))

    assert refused.value.field == "chair_instruction"
    silence.refresh_from_db()
    assert silence.deadline == deadline
    assert not Extension.objects.exists()


@pytest.mark.parametrize("blank", ["", "   "])
def test_the_api_answers_403_naming_the_instruction(silence, officer, blank):
    client = bearer_client(officer)
    acts = recorded_acts()

    response = client.post(
        f"/api/v1/procedures/{silence.pk}/extend",
        {"deadline": _later(silence).isoformat(), "chair_instruction": blank},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "chair_instruction"
    assert recorded_acts() == acts


def test_the_secretariat_extends_for_the_chair_and_the_record_says_so(silence, officer):
    # when
    extension = actions.extend_deadline(
        acting_user=officer,
        procedure=silence,
        deadline=_later(silence),
        chair_instruction=f"  {INSTRUCTION} ",
    )

    # then: Azerbaijan chairs on 2026-11-23 (s-cica-pr-2030, trend-3983314)
    assert (extension.acting_for_chair, extension.chair_instruction) == (True, INSTRUCTION)
    assert extension.chair_state.code == "AZ"
    entry = AuditEntry.objects.filter(action="decisions.extend_deadline").get()
    assert entry.actor == officer
    assert entry.payload["acting_for_chair"] is True
    assert entry.payload["chair_instruction"] == INSTRUCTION
    assert entry.payload["chair"] == "AZ"


def test_the_chairs_delegate_extends_as_the_chair(silence, chair_delegate):
    extension = actions.extend_deadline(
        acting_user=chair_delegate,
        procedure=silence,
        deadline=_later(silence),
        chair_instruction="ignored: the Chair needs no instruction",
    )

    assert (extension.acting_for_chair, extension.chair_instruction) == (False, "")
    assert extension.chair_state == chair_delegate.state


def test_the_procedure_shows_who_extended_and_for_whom(silence, officer, chair_delegate):
    # given
    actions.extend_deadline(
        acting_user=officer,
        procedure=silence,
        deadline=_later(silence, 3),
        chair_instruction=INSTRUCTION,
    )
    actions.extend_deadline(
        acting_user=chair_delegate, procedure=silence, deadline=_later(silence, 5)
    )

    # when
    extensions = bearer_client(officer).get(f"/api/v1/procedures/{silence.pk}").json()["extensions"]
    client = Client()
    client.force_login(officer)
    page = client.get(f"/en/procedures/{silence.pk}/").content.decode()

    # then
    assert [(e["by"], e["chair"], e["acting_for_chair"]) for e in extensions] == [
        (officer.username, "AZ", True),
        (chair_delegate.username, "AZ", False),
    ]
    assert extensions[0]["chair_instruction"] == INSTRUCTION
    assert "for the Chair, Azerbaijan, on the Chair's instruction" in page
    assert INSTRUCTION in page
    assert "extended by the Chair, Azerbaijan" in page


def test_the_form_asks_the_secretariat_for_the_instruction(silence, officer, chair_delegate):
    as_officer, as_chair = Client(), Client()
    as_officer.force_login(officer)
    as_chair.force_login(chair_delegate)
    url = f"/en/procedures/{silence.pk}/"

    refused = as_officer.post(f"{url}extend/", {"deadline": "2026-12-31T12:00"})
    done = as_officer.post(
        f"{url}extend/", {"deadline": "2026-12-31T12:00", "chair_instruction": INSTRUCTION}
    )

    assert 'name="chair_instruction"' in as_officer.get(url).content.decode()
    assert 'name="chair_instruction"' not in as_chair.get(url).content.decode()
    assert refused.status_code == 403
    assert "give the Chair&#x27;s instruction" in refused.content.decode()
    assert done.status_code == 302
    assert Extension.objects.get().chair_instruction == INSTRUCTION


def test_without_a_chair_the_secretariat_cannot_act_for_one(silence, officer, clock_at_now):
    """Azerbaijan's term is known to end in 2026; the sources name no Chair for 2027."""
    clock_at_now.move_to(dt.datetime(2027, 1, 2, tzinfo=dt.UTC))
    extended = clock.now() + dt.timedelta(days=30)

    with pytest.raises(PermissionDenied):
        actions.extend_deadline(
            acting_user=officer, procedure=silence, deadline=extended, chair_instruction=INSTRUCTION
        )


def test_an_extension_for_the_chair_keeps_its_instruction_in_the_database(silence, officer):
    with pytest.raises(IntegrityError):
        Extension.objects.create(
            procedure=silence,
            previous_deadline=silence.deadline,
            new_deadline=_later(silence),
            user=officer,
            at=clock.now(),
            acting_for_chair=True,
            chair_instruction="",
        )
