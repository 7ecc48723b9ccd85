"""E-mail notices of a silence procedure reach each delegate in the language of their account:
English and Russian are CICA's working languages (cica.yaml `languages`: seed-004, crntt-rop,
prc-sc-2007). A Russian notice names the body, the states and the date the Russian way, Astana
time, and holds no word in Latin script but codes, symbols and URLs."""

import datetime as dt

import pytest
from django.core import mail

from cica.accounts import actions as accounts
from cica.core.roles import SYSTEM
from cica.decisions import actions, tasks
from tests.decisions.conftest import _user
from tests.russian import latin_words

EVENTS = ("opened", "broken", "extended", "adopted", "closing_soon")
# The drafter's title, in the language the draft was written in.
TITLE = "Заявление к 35-летию СВМДА"


@pytest.fixture
def russian_delegate(db):
    """Kazakhstan's delegate, who reads Russian."""
    user = _user("kz-ru", "delegate", state_code="KZ")
    accounts.set_language(acting_user=user, user=user, language="ru")
    return user


@pytest.fixture
def procedure(officer, soc, russian_delegate, in_delegate, chair_delegate, clock_at_now):
    """A silence procedure before the SOC (Комитет старших должностных лиц), taken to the
    state that each event needs, at 2026-11-23 09:00 UTC (14:00 in Astana)."""
    draft = actions.create_draft(
        acting_user=officer, kind="statement", title=TITLE, text_en="Text.", text_ru="Текст."
    )
    deadline = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    return actions.open_silence_procedure(
        acting_user=officer, version=draft.versions.get(), body=soc, deadline=deadline
    )


def _bring_to(event: str, procedure, *, russian_delegate, chair_delegate, clock_at_now) -> None:
    if event == "broken":
        actions.break_silence(acting_user=russian_delegate, procedure=procedure, reason="Нет")
    elif event == "extended":
        actions.extend_deadline(
            acting_user=chair_delegate,
            procedure=procedure,
            deadline=procedure.deadline + dt.timedelta(days=7),
        )
    elif event == "adopted":
        clock_at_now.move_to(procedure.deadline + dt.timedelta(minutes=1))
        actions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM)
    procedure.refresh_from_db()


def _notice_to(address: str):
    [message] = [message for message in mail.outbox if message.to == [address]]
    return message


@pytest.mark.parametrize("event", EVENTS)
def test_a_russian_reader_gets_the_notice_in_russian_only(
    event, procedure, russian_delegate, chair_delegate, clock_at_now
):
    # given
    _bring_to(
        event,
        procedure,
        russian_delegate=russian_delegate,
        chair_delegate=chair_delegate,
        clock_at_now=clock_at_now,
    )
    mail.outbox.clear()

    # when
    tasks.send_notice.call(procedure.pk, event)

    # then
    message = _notice_to(russian_delegate.email)
    assert message.subject.startswith("[СВМДА] ")
    assert TITLE in message.subject
    assert latin_words(message.subject + "\n" + message.body) == []
    assert "Комитет старших должностных лиц" in message.body
    assert f"/ru/procedures/{procedure.pk}/" in message.body


@pytest.mark.parametrize("event", EVENTS)
def test_an_english_reader_gets_the_notice_in_english_only(
    event, procedure, russian_delegate, in_delegate, chair_delegate, clock_at_now
):
    _bring_to(
        event,
        procedure,
        russian_delegate=russian_delegate,
        chair_delegate=chair_delegate,
        clock_at_now=clock_at_now,
    )
    mail.outbox.clear()

    tasks.send_notice.call(procedure.pk, event)

    message = _notice_to(in_delegate.email)
    assert message.subject.startswith("[CICA] ")
    assert "Senior Officials Committee (SOC)" in message.body
    assert f"/en/procedures/{procedure.pk}/" in message.body
    assert "Комитет" not in message.body


def test_the_russian_notice_gives_the_deadline_in_astana_time_the_russian_way(
    procedure, russian_delegate
):
    tasks.send_notice.call(procedure.pk, "opened")

    body = _notice_to(russian_delegate.email).body
    assert "Срок (время Астаны): 7 декабря 2026 г., 14:00" in body
    assert "Срок (UTC): 2026-12-07 09:00" in body


def test_the_russian_notice_of_a_break_names_the_state_in_russian(
    procedure, russian_delegate, chair_delegate, clock_at_now
):
    _bring_to(
        "broken",
        procedure,
        russian_delegate=russian_delegate,
        chair_delegate=chair_delegate,
        clock_at_now=clock_at_now,
    )

    tasks.send_notice.call(procedure.pk, "broken")

    assert "Молчание нарушено: Казахстан." in _notice_to(russian_delegate.email).body


def test_the_language_is_set_by_the_user_or_the_secretariat_and_audited(db, in_delegate, officer):
    from cica.core.models import AuditEntry

    accounts.set_language(acting_user=in_delegate, user=in_delegate, language="ru")
    accounts.set_language(acting_user=officer, user=in_delegate, language="en")

    entries = AuditEntry.objects.filter(action="accounts.set_language").order_by("pk")
    assert [entry.payload["language"] for entry in entries] == ["ru", "en"]
    in_delegate.refresh_from_db()
    assert in_delegate.language == "en"
