"""The SOC's annual Plans of Implementation and the events they plan."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from cica.cbm import errors
from cica.cbm.actions.guards import require_secretariat
from cica.cbm.models import ImplementationPlan, Kind, PlannedEvent, PriorityArea
from cica.core import audit, limits
from cica.core.errors import InvalidInput, unique
from cica.registry.models import State


@transaction.atomic
def record_plan(*, acting_user, year: int, adopted_on: dt.date | None = None) -> ImplementationPlan:
    """The SOC's annual Plan of Implementation, as adopted (usually the December before)."""
    require_secretariat(acting_user)
    if ImplementationPlan.objects.filter(year=year).exists():
        raise errors.PlanAlreadyRecorded(field="year")
    with unique(errors.PlanAlreadyRecorded(field="year")):
        plan = ImplementationPlan.objects.create(year=year, adopted_on=adopted_on)
    audit.record(
        actor=acting_user,
        action="cbm.record_plan",
        obj=plan,
        payload={"year": year, "adopted_on": adopted_on},
    )
    return plan


@transaction.atomic
def plan_event(
    *,
    acting_user,
    plan: ImplementationPlan,
    area: PriorityArea,
    title: str,
    kind: str = Kind.EVENT,
    host_state: State | None = None,
    date: dt.date,
) -> PlannedEvent:
    require_secretariat(acting_user)
    if not (title or "").strip():
        raise InvalidInput(_("Give the event a title."), field="title")
    limits.check(title.strip(), limits.TITLE, field="title")
    if kind not in Kind.values:
        raise InvalidInput(_("Unknown kind of activity."), field="kind")
    if date.year != plan.year:
        raise InvalidInput(_("The event falls outside the plan's year."), field="date")
    event = PlannedEvent.objects.create(
        plan=plan, area=area, title=title.strip(), kind=kind, host_state=host_state, date=date
    )
    audit.record(
        actor=acting_user,
        action="cbm.plan_event",
        obj=event,
        payload={
            "plan": plan.year,
            "area": area.key,
            "title": event.title,
            "kind": kind,
            "host_state": host_state.code if host_state else None,
            "date": date,
        },
    )
    return event
