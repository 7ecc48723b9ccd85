"""Reads of the Catalogue, the coordinators, the activities and the review; constant queries."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from cica.cbm import rules
from cica.cbm.models import (
    Activity,
    CatalogueVersion,
    Coordination,
    Dimension,
    ImplementationPlan,
    Kind,
    PlannedEvent,
    PriorityArea,
)
from cica.core import clock
from cica.core.errors import InvalidInput, NotFound
from cica.registry.models import State


def _coordinations() -> QuerySet[Coordination]:
    return Coordination.objects.select_related("state", "decision").prefetch_related("sources")


def list_dimensions() -> list[Dimension]:
    """The five dimensions, each with its areas and every coordination term."""
    return list(
        Dimension.objects.prefetch_related(
            "sources",
            Prefetch(
                "areas",
                queryset=PriorityArea.objects.prefetch_related(
                    Prefetch("coordinations", queryset=_coordinations())
                ),
            ),
        )
    )


def catalogue_versions() -> QuerySet[CatalogueVersion]:
    return CatalogueVersion.objects.select_related("document", "body").prefetch_related("sources")


def term_order(term: Coordination) -> tuple:
    """Terms oldest first; an unknown start first of all."""
    return (term.valid_from or dt.date.min, term.pk)


def roles_on(area: PriorityArea, on: dt.date) -> dict[str, list[Coordination]]:
    """The area's coordinator and co-coordinators on a date, from its prefetched terms."""
    return rules.current_roles(area.coordinations.all(), on)[area.pk]


def get_area(key: str) -> PriorityArea:
    area = (
        PriorityArea.objects.select_related("dimension")
        .prefetch_related(
            "sources",
            Prefetch("coordinations", queryset=_coordinations()),
            "documents",
            "measures__catalogue",
            Prefetch(
                "planned_events",
                queryset=PlannedEvent.objects.select_related("plan", "host_state"),
            ),
        )
        .filter(key=key)
        .first()
    )
    if area is None:
        raise NotFound(_("No such priority area."), field="id")
    return area


def find_area(key: str, field: str = "area") -> PriorityArea:
    area = PriorityArea.objects.filter(key=key).first()
    if area is None:
        raise InvalidInput(_("No such priority area."), field=field)
    return area


def _activities() -> QuerySet[Activity]:
    return Activity.objects.select_related(
        "area__dimension", "host_state", "recorded_by", "planned_event"
    ).prefetch_related(
        Prefetch(
            "participants", queryset=State.objects.order_by("name_en"), to_attr="participants_list"
        ),
        "organizations",
        "measures",
        "files",
    )


def list_activities(
    *,
    area: str | None = None,
    state: str | None = None,
    year: int | None = None,
    status: str | None = None,
    kind: str | None = None,
) -> QuerySet[Activity]:
    """Activities, newest first; a state's are those it hosted or joined."""
    activities = _activities()
    if area:
        activities = activities.filter(area=find_area(area))
    if state:
        found = State.objects.filter(code=state.upper()).first()
        if found is None:
            raise InvalidInput(_("No such state."), field="state")
        activities = activities.filter(Q(host_state=found) | Q(participants=found)).distinct()
    if year is not None:
        activities = activities.filter(start_date__year=year)
    if status:
        if status not in Activity.Status.values:
            raise InvalidInput(_("Unknown status."), field="status")
        activities = activities.filter(status=status)
    if kind:
        if kind not in Kind.values:
            raise InvalidInput(_("Unknown kind of activity."), field="kind")
        activities = activities.filter(kind=kind)
    return activities.order_by("-start_date", "-pk")


def get_activity(activity_id: int) -> Activity:
    activity = _activities().filter(pk=activity_id).first()
    if activity is None:
        raise NotFound(_("No such activity."), field="id")
    return activity


def period(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """The period of a review: by default the twelve months to today."""
    end = end or clock.today()
    start = start or rules.twelve_months_before(end)
    if start > end:
        raise InvalidInput(_("The period ends before it starts."), field="to")
    return start, end


def review(start: dt.date | None = None, end: dt.date | None = None) -> rules.Review:
    """The review of implementation over a period, in a constant number of queries."""
    start, end = period(start, end)
    dimensions = list(Dimension.objects.all())
    areas = list(PriorityArea.objects.all())
    since = min(start, rules.twelve_months_before(end))
    return rules.review(
        start=start,
        end=end,
        dimensions=dimensions,
        areas=areas,
        planned_events=list(PlannedEvent.objects.filter(date__range=(start, end))),
        activities=list(
            Activity.objects.filter(start_date__range=(since, end))
            .select_related("host_state")
            .prefetch_related(Prefetch("participants", to_attr="participants_list"))
        ),
        coordinations=list(Coordination.objects.select_related("state")),
    )


def state_roles(state: State) -> QuerySet[Coordination]:
    """Every term the state held, newest first."""
    return (
        Coordination.objects.filter(state=state)
        .select_related("area__dimension", "decision")
        .prefetch_related("sources")
        .order_by("-valid_from", "area__position")
    )


def get_plan(year: int) -> ImplementationPlan:
    plan = (
        ImplementationPlan.objects.select_related("document", "decision")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=PlannedEvent.objects.select_related("area", "host_state").prefetch_related(
                    Prefetch(
                        "activities",
                        queryset=Activity.objects.only("pk", "status", "planned_event_id", "title"),
                    )
                ),
            )
        )
        .filter(year=year)
        .first()
    )
    if plan is None:
        raise NotFound(_("No Plan of Implementation for this year."), field="year")
    return plan


def list_plans() -> QuerySet[ImplementationPlan]:
    return ImplementationPlan.objects.order_by("-year")
