"""Real concurrency, on SQLite and PostgreSQL: threads with their own database connections."""

import datetime as dt
import threading

import pytest
from django.db import connection

from cica.core import audit
from cica.core.errors import DomainError
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions import actions, queries
from cica.decisions.models import Decision, SilenceBreak
from cica.registry.models import MembershipStatus
from tests.decisions.conftest import cast


def _race(*calls):
    """Run the calls at once; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as error:
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def world(committed_reference):
    """Committed data the threads can see: the reference data, accounts, an open procedure."""
    users = cast()
    draft = actions.create_draft(
        acting_user=users["officer"],
        kind="grant_observer",
        title="Observer status for the SCO",
        text_en="The Ministerial Council grants observer status to the SCO.",
        effect={"organization": "SCO"},
    )
    from cica.registry.models import Body

    procedure = actions.open_silence_procedure(
        acting_user=users["officer"],
        version=draft.versions.get(),
        body=Body.objects.get(key="ministerial"),
    )
    return users, procedure


def test_two_delegates_break_silence_at_once(world):
    users, procedure = world

    results = _race(
        lambda: actions.break_silence(acting_user=users["kz"], procedure=procedure, reason="a"),
        lambda: actions.break_silence(acting_user=users["in"], procedure=procedure, reason="b"),
    )

    breaks = [r for r in results if isinstance(r, SilenceBreak)]
    refusals = [r for r in results if isinstance(r, DomainError)]
    assert (len(breaks), len(refusals)) == (1, 1), results
    assert refusals[0].status == 409
    assert SilenceBreak.objects.filter(procedure=procedure).count() == 1
    assert AuditEntry.objects.filter(action="decisions.break_silence").count() == 1
    assert audit.verify_chain().ok


def test_two_workers_record_one_adoption(world, clock_at_now):
    _users, procedure = world
    clock_at_now.move_to(procedure.deadline + dt.timedelta(seconds=1))

    results = _race(
        *[lambda: actions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM)] * 4
    )

    assert all(isinstance(r, Decision) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Decision.objects.filter(procedure=procedure).count() == 1
    assert MembershipStatus.objects.filter(organization__code="SCO", status="observer").count() == 1
    assert AuditEntry.objects.filter(action="decisions.adopt").count() == 1
    assert AuditEntry.objects.filter(action="decisions.apply_effect").count() == 1
    assert audit.verify_chain().ok


@pytest.mark.parametrize("offset_ms", [-30, -5, 0, 5])
def test_a_break_racing_the_deadline_has_one_outcome(world, clock_at_now, offset_ms):
    users, procedure = world
    clock_at_now.move_to(procedure.deadline + dt.timedelta(milliseconds=offset_ms))

    results = _race(
        lambda: actions.break_silence(acting_user=users["kz"], procedure=procedure, reason="x"),
        lambda: actions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM),
        lambda: actions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM),
    )

    procedure.refresh_from_db()
    broken = SilenceBreak.objects.filter(procedure=procedure).exists()
    adopted = Decision.objects.filter(procedure=procedure).exists()
    # Exactly one outcome, and the status agrees with the record.
    assert not (broken and adopted), results
    if broken:
        assert SilenceBreak.objects.get(procedure=procedure).at < procedure.deadline
        assert queries.status_of(procedure) == "broken"
    if adopted:
        assert isinstance(results[0], DomainError)
    assert audit.verify_chain().ok


def test_many_comments_at_once_are_all_recorded(world):
    users, procedure = world
    who = ["kz", "in", "jp", "officer", "chair"] * 2

    results = _race(
        *[
            (
                lambda user=users[name], i=i: actions.comment(
                    acting_user=user, procedure=procedure, text=f"comment {i}"
                )
            )
            for i, name in enumerate(who)
        ]
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    assert procedure.comments.count() == len(who)
    receipts = sorted(r.receipt_seq for r in results)
    assert len(set(receipts)) == len(who)
    assert audit.verify_chain().ok
