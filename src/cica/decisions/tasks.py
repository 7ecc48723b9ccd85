"""Background work: adoption at the deadline, reminders and notices, through django-tasks.

Tasks are enqueued when the transaction that calls for them commits, so a rolled-back action
sends nothing. Every task re-reads the procedure and does nothing if the moment has passed (a
deadline since extended, a procedure since broken), so a stale task is harmless.
"""

import datetime as dt
from itertools import groupby
from operator import itemgetter

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from cica.accounts.models import User
from cica.core import clock
from cica.core.roles import SYSTEM
from cica.registry.queries import get_body_on


@task
def record_adoption_at_deadline(procedure_id: int) -> None:
    from cica.decisions.actions.adoption import record_adoption

    record_adoption(procedure_id=procedure_id, acting_user=SYSTEM)


@task
def remind_closing_soon(procedure_id: int, deadline: str) -> None:
    from cica.decisions.models import Procedure
    from cica.decisions.queries import status_of

    procedure = Procedure.objects.select_related("silence_break").get(pk=procedure_id)
    if (
        procedure.deadline is not None
        and procedure.deadline.isoformat() == deadline
        and status_of(procedure) == "open"
    ):
        _send(procedure, "closing_soon")


@task
def send_notice(procedure_id: int, event: str) -> None:
    from cica.decisions.models import Procedure

    _send(Procedure.objects.get(pk=procedure_id), event)


def _recipients(procedure) -> list[tuple[str, str]]:
    """The delegates of the states eligible in the procedure who have an e-mail address: each
    address with the language its account reads."""
    return sorted(
        User.objects.filter(
            role=User.Role.DELEGATE,
            is_active=True,
            state__in=procedure.eligible_states.all(),
        )
        .exclude(email="")
        .values_list("language", "email")
    )


def _body_name(procedure) -> str:
    """The body's name today in the active language: bodies are renamed (the Summit became the
    Council of Heads of State or Government on 2022-10-13, Astana Statement)."""
    body = get_body_on(procedure.body.key, clock.today())
    assert body is not None, "the procedure's own body"
    russian = translation.get_language() == "ru" and body.name_ru_on_date
    return russian or body.name_en_on_date or body.key


def _send(procedure, event: str) -> int:
    """E-mail each delegate in the language of their account (RoP Art. 1.9: English and
    Russian), names and dates included."""
    messages = []
    for language, recipients in groupby(_recipients(procedure), key=itemgetter(0)):
        with translation.override(language):
            text = render_to_string(
                "decisions/email/notice.txt",
                {
                    "procedure": procedure,
                    "event": event,
                    "body_name": _body_name(procedure),
                    "site": settings.CICA_SITE_URL,
                },
            ).strip()
        subject = text.splitlines()[0]
        messages += [
            (subject, text, settings.DEFAULT_FROM_EMAIL, [address])
            for _language, address in recipients
        ]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


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
