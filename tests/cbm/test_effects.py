"""The CBM's action for the effect of an adopted decision (cbm.effects)."""

import datetime as dt

import pytest

from cica.cbm import actions
from cica.cbm.models import Coordination, CoordinationOffer, PriorityArea
from cica.core import clock
from cica.core.errors import PermissionDenied
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions.models import Decision
from cica.registry.models import State

ON = dt.date(2026, 3, 2)


def _decision(kind: str) -> Decision:
    return Decision.objects.create(title="Assignment", kind=kind, adopted_on=ON, symbol="T/1")


def test_assign_coordinator_makes_the_term_and_assigns_the_offer(secretariat_officer):
    # given
    area, state = PriorityArea.objects.order_by("pk").first(), State.objects.get(code="KZ")
    offer = CoordinationOffer.objects.create(
        area=area,
        state=state,
        role="co_coordinator",
        offered_at=clock.now(),
        offered_by=secretariat_officer,
    )

    # when
    term = actions.assign_coordinator(
        acting_user=SYSTEM,
        area=area,
        state=state,
        role="co_coordinator",
        valid_from=ON,
        valid_to=None,
        decision=_decision("assign_coordinator"),
    )

    # then
    assert (term.basis, term.valid_from, term.decision.symbol) == ("assigned", ON, "T/1")
    offer.refresh_from_db()
    assert offer.status == "assigned"
    entry = AuditEntry.objects.get(action="cbm.assign_coordinator", object_id=str(term.pk))
    assert entry.payload["role"] == "co_coordinator"


def test_a_coordinator_is_assigned_only_by_a_decision_of_that_kind(db):
    area, state = PriorityArea.objects.order_by("pk").first(), State.objects.get(code="KZ")
    terms = Coordination.objects.count()

    with pytest.raises(PermissionDenied):
        actions.assign_coordinator(
            acting_user=SYSTEM,
            area=area,
            state=state,
            role="coordinator",
            valid_from=ON,
            valid_to=None,
            decision=_decision("statement"),
        )

    assert Coordination.objects.count() == terms
