"""Background work: adoption at the deadline, reminders and notices, through django-tasks.

Tasks are enqueued when the transaction that calls for them commits, so a rolled-back action
sends nothing. Every task re-reads the procedure and does nothing if the moment has passed (a
deadline since extended, a procedure since broken), so a stale task is harmless.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from cica.accounts.models import User
from cica.core import clock


@task
def record_adoption_at_deadline(procedure_id: int) -> None:
    from cica.decisions.actions import record_adoption

    record_adoption(procedure_id=procedure_id)


@task
def remind_closing_soon(procedure_id: int, deadline: str) -> None:
    from cica.decisions.models import Procedure
    from cica.decisions.queries import status_of

    procedure = Procedure.objects.select_related("silence_break").get(pk=procedure_id)
    if procedure.deadline.isoformat() == deadline and status_of(procedure) == "open":
        _send(procedure, "closing_soon")


@task
def send_notice(procedure_id: int, event: str) -> None:
    from cica.decisions.models import Procedure

    _send(Procedure.objects.get(pk=procedure_id), event)


def _recipients(procedure) -> list[str]:
    """The delegates of the states eligible in the procedure who have an e-mail address."""
    return sorted(
        User.objects.filter(
            role=User.Role.DELEGATE,
            is_active=True,
            state__in=procedure.eligible_states.all(),
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _send(procedure, event: str) -> int:
    recipients = _recipients(procedure)
    if not recipients:
        return 0
    parts = []
    for language in ("en", "ru"):
        with translation.override(language):
            parts.append(
                render_to_string(
                    "decisions/email/notice.txt",
                    {
                        "procedure": procedure,
                        "event": event,
                        "astana": clock.ASTANA,
                        "site": settings.CICA_SITE_URL,
                    },
                ).strip()
            )
    subject = parts[0].splitlines()[0]
    body = "\n\n----\n\n".join(parts)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    return send_mass_mail(messages, fail_silently=False)


def schedule_deadline(procedure) -> None:
    """After commit: record the adoption at the deadline, and remind before it."""
    deadline = procedure.deadline
    reminder_at = deadline - dt.timedelta(hours=settings.CICA_REMINDER_HOURS)

    def enqueue():
        record_adoption_at_deadline.using(run_after=deadline).enqueue(procedure.pk)
        if reminder_at > clock.now():
            remind_closing_soon.using(run_after=reminder_at).enqueue(
                procedure.pk, deadline.isoformat()
            )

    transaction.on_commit(enqueue)


def notify_later(procedure, event: str) -> None:
    """After commit: e-mail the eligible delegations that `event` happened."""
    transaction.on_commit(lambda: send_notice.enqueue(procedure.pk, event))
