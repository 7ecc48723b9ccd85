"""Background work through django-tasks' database queue, run by `cica worker --batch`."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from cica.decisions import actions, queries
from cica.decisions.models import Decision, Procedure

# The worker commits and closes its connection, as in production: these tests really commit.
pytestmark = pytest.mark.usefixtures("committed_reference")


@pytest.fixture
def work():
    """Run the worker until nothing is due (a task's notice runs on the next pass)."""

    def run():
        for _ in range(2):
            call_command("worker", batch=True, verbosity=0)

    return run


@pytest.fixture
def opened(officer, version, soc, kz_delegate, in_delegate, jp_observer):
    """A silence procedure opened, with the tasks it schedules enqueued."""
    return actions.open_silence_procedure(acting_user=officer, version=version, body=soc)


def test_opening_emails_the_eligible_delegations(opened, work):
    work()

    assert len(mail.outbox) == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["in@example.org", "kz@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[CICA] Silence procedure opened: " + opened.version.title
    assert opened.version.hash in message.body
    # In the language of the delegate's account, by default English (see test_notices.py).
    assert "Body: Senior Officials Committee (SOC)" in message.body
    assert "Открыта процедура умолчания" not in message.body


def test_delegations_are_reminded_a_day_before_the_deadline(opened, clock_at_now, work):
    work()
    mail.outbox.clear()

    clock_at_now.move_to(opened.deadline - dt.timedelta(hours=23))
    work()

    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject.startswith("[CICA] Silence procedure closing soon")


def test_the_worker_records_the_adoption_at_the_deadline(opened, clock_at_now, work):
    clock_at_now.move_to(opened.deadline - dt.timedelta(seconds=1))
    work()
    assert not Decision.objects.filter(procedure=opened).exists()

    clock_at_now.move_to(opened.deadline + dt.timedelta(seconds=1))
    work()

    decision = Decision.objects.get(procedure=opened)
    assert decision.adopted_at == opened.deadline
    assert any(message.subject.startswith("[CICA] Adopted") for message in mail.outbox)


def test_after_an_extension_the_old_deadline_adopts_nothing(
    opened, chair_delegate, clock_at_now, work
):
    # given
    later = opened.deadline + dt.timedelta(days=7)
    actions.extend_deadline(acting_user=chair_delegate, procedure=opened, deadline=later)

    # when: the first deadline passes
    clock_at_now.move_to(opened.deadline + dt.timedelta(minutes=1))
    work()

    # then
    opened.refresh_from_db()
    assert queries.status_of(opened) == "open"
    assert not Decision.objects.filter(procedure=opened).exists()
    clock_at_now.move_to(later + dt.timedelta(minutes=1))
    work()
    assert Decision.objects.get(procedure=opened).adopted_at == later


def test_a_broken_procedure_notifies_and_is_never_adopted(opened, kz_delegate, clock_at_now, work):
    work()
    mail.outbox.clear()
    actions.break_silence(acting_user=kz_delegate, procedure=opened, reason="No")

    clock_at_now.move_to(opened.deadline + dt.timedelta(days=1))
    work()

    assert [m.subject.split(":")[0] for m in mail.outbox] == ["[CICA] Silence broken"] * 2
    assert "Kazakhstan" in mail.outbox[0].body
    assert not Decision.objects.filter(procedure=opened).exists()


def test_a_rolled_back_action_enqueues_and_sends_nothing(officer, version, soc, kz_delegate, work):
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.open_silence_procedure(acting_user=officer, version=version, body=soc)
        raise RuntimeError("abort")

    work()

    assert mail.outbox == []
    assert not Procedure.objects.exists()
