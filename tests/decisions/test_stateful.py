"""Whatever happens to a silence procedure, in whatever order, the rules hold."""

import datetime as dt

import time_machine
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from cica.core import audit, clock
from cica.core.errors import DomainError
from cica.core.models import AuditEntry
from cica.decisions import actions, permissions, queries
from cica.decisions.models import Decision
from cica.registry.models import Body, MembershipStatus, Organization
from cica.registry.queries import current_chair
from tests.tampering import tampering

START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


class SilenceProcedure(RuleBasedStateMachine):
    """A model of the procedure beside the real one: the two must always agree."""

    runs = 0

    def __init__(self):
        super().__init__()
        SilenceProcedure.runs += 1
        self.savepoint = transaction.atomic()
        self.savepoint.__enter__()
        self.travel = time_machine.travel(START, tick=False)
        self.clock = self.travel.start()
        from tests.decisions.conftest import cast

        self.users = cast()
        draft = actions.create_draft(
            acting_user=self.users["officer"],
            kind="grant_observer",
            title="Observer status for the SCO",
            text_en="The Ministerial Council grants observer status to the SCO.",
            effect={"organization": "SCO"},
        )
        # Observer status is the Ministerial Council's to grant (astanatimes-2023-12-sa); for an
        # organization the sources describe no application or pre-approval.
        self.procedure = actions.open_silence_procedure(
            acting_user=self.users["officer"],
            version=draft.versions.get(),
            body=Body.objects.get(key="ministerial"),
            deadline=START + dt.timedelta(days=14),
        )
        self.now = START
        self.deadline = self.procedure.deadline
        self.broken = False
        self.withdrawn = False

    def teardown(self):
        # A tampered row is found at once.
        entry = AuditEntry.objects.order_by("?").first()
        with tampering():
            AuditEntry.objects.filter(pk=entry.pk).update(payload={"tampered": True})
        assert audit.verify_chain().first_bad_seq == entry.seq
        self.travel.stop()
        transaction.set_rollback(True)
        self.savepoint.__exit__(None, None, None)

    def _model_status(self) -> str:
        if self.withdrawn:
            return "withdrawn"
        if self.broken:
            return "broken"
        return "adopted" if self.now >= self.deadline else "open"

    def _open(self) -> bool:
        return self._model_status() == "open"

    @rule(seconds=st.integers(min_value=1, max_value=6 * 24 * 3600))
    def time_passes(self, seconds):
        self.now += dt.timedelta(seconds=seconds)
        self.clock.move_to(self.now)

    @rule(to_the_deadline=st.sampled_from([-1, 0, 1]))
    def time_reaches_the_deadline(self, to_the_deadline):
        """The instants around the deadline, where the rules are sharpest; time never runs back."""
        self.now = max(self.now, self.deadline + dt.timedelta(milliseconds=to_the_deadline))
        self.clock.move_to(self.now)

    @rule(who=st.sampled_from(["kz", "in", "chair", "jp", "officer"]))
    def break_silence(self, who):
        allowed = who in ("kz", "in", "chair") and self._open()
        try:
            actions.break_silence(
                acting_user=self.users[who], procedure=self.procedure, reason="no"
            )
        except DomainError:
            assert not allowed
        else:
            assert allowed
            self.broken = True

    @rule(who=st.sampled_from(["kz", "jp", "officer"]))
    def comment(self, who):
        try:
            actions.comment(acting_user=self.users[who], procedure=self.procedure, text="noted")
        except DomainError:
            assert not self._open()
        else:
            assert self._open()

    @rule(who=st.sampled_from(["chair", "officer"]), days=st.integers(min_value=-3, max_value=10))
    def extend(self, who, days):
        # The Chair's delegate extends only while its state holds the Chairmanship: extensions
        # can carry the procedure past the end of the term (Azerbaijan's ends with 2026). The
        # Secretariat extends for the Chair of the day, on its instruction.
        if who == "officer":
            in_office = current_chair(clock.today()) is not None
        else:
            in_office = permissions.is_chair_delegate(self.users[who])
        allowed = in_office and self._open() and days > 0
        new = self.deadline + dt.timedelta(days=days)
        try:
            actions.extend_deadline(
                acting_user=self.users[who],
                procedure=self.procedure,
                deadline=new,
                chair_instruction="the Chair's note of today",
            )
        except DomainError:
            assert not allowed
        else:
            assert allowed
            self.deadline = new

    @rule()
    def withdraw(self):
        try:
            actions.withdraw_procedure(acting_user=self.users["officer"], procedure=self.procedure)
        except DomainError:
            assert not self._open()
        else:
            self.withdrawn = True

    @rule()
    def a_worker_records_what_is_due(self):
        actions.settle_due_procedures()

    @invariant()
    def status_is_the_models(self):
        self.procedure.refresh_from_db()
        assert queries.status_of(self.procedure) == self._model_status()

    @invariant()
    def adopted_exactly_when_nobody_broke_silence_in_time(self):
        decision = Decision.objects.filter(procedure=self.procedure).first()
        if decision is not None:
            assert self._model_status() == "adopted"
            assert decision.adopted_at == self.deadline
        granted = MembershipStatus.objects.filter(organization__code="SCO", status="observer")
        assert granted.count() == (1 if decision else 0)
        assert AuditEntry.objects.filter(action="decisions.apply_effect").count() == granted.count()


MACHINE_SETTINGS = settings(
    max_examples=50,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_the_rules_hold_whatever_happens(db):
    from hypothesis.stateful import run_state_machine_as_test

    assert Organization.objects.filter(code="SCO").exists()
    SilenceProcedure.runs = 0

    run_state_machine_as_test(SilenceProcedure, settings=MACHINE_SETTINGS)

    assert SilenceProcedure.runs >= MACHINE_SETTINGS.max_examples
