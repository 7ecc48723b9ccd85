"""Reads of the Catalogue, the coordinators, the activities and the review; constant queries."""

import datetime as dt

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from cica.cbm import permissions, rules
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
from cica.core.cache import cached_read
from cica.core.errors import InvalidInput, NotFound
from cica.registry import queries as registry
from cica.registry.models import State

# What the CBM work reads: the Catalogue, roles, plans, activities, and states and their statuses.
CACHE_READS = ("cbm", *registry.CACHE_READS)


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
    user,
    *,
    area: str | None = None,
    state: str | None = None,
    year: int | None = None,
    status: str | None = None,
    kind: str | None = None,
) -> QuerySet[Activity]:
    """Activities `user` may see, newest first; a state's are those it hosted or joined."""
    activities = _activities().filter(permissions.visible_activities_condition(user))
    if area:
        activities = activities.filter(area=find_area(area))
    if state:
        found = registry.get_state_by_code(state)
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


def access_activity(user, activity_id: int) -> Activity:
    """An activity `user` may see; one returned to another state is not found."""
    activity = (
        _activities().filter(permissions.visible_activities_condition(user), pk=activity_id).first()
    )
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
    """The review of implementation over a period (by default the twelve months to today)."""
    period(start, end)  # refused here, before the cache: an error is not kept
    return review_of_period(start, end)


@cached_read("cbm.review", reads=CACHE_READS, kept=True)
def review_of_period(start: dt.date | None = None, end: dt.date | None = None) -> rules.Review:
    """The review of implementation from `start` to `end` (period's defaults), in a constant
    number of queries, counted in SQL; kept current by the worker (core.kept): at 100x its
    tallies take minutes."""
    start, end = period(start, end)
    counts = tally(start, end)
    named = {*counts.hosted, *counts.participated}
    return rules.review(
        start=start,
        end=end,
        dimensions=list(Dimension.objects.all()),
        areas=list(PriorityArea.objects.all()),
        states=State.objects.in_bulk(named) if named else {},
        counts=counts,
        coordinations=list(Coordination.objects.select_related("state")),
    )


def tally(start: dt.date, end: dt.date) -> rules.Tally:
    """rules.tally's counts, aggregated by the database: a period may hold a million activities."""
    counts = rules.Tally()
    live = Activity.objects.exclude(status=Activity.Status.RETURNED).order_by()
    in_period = live.filter(start_date__range=(start, end))
    validated = Q(status=Activity.Status.VALIDATED)
    for row in in_period.values("area_id").annotate(
        held=Count("pk", filter=validated), awaiting=Count("pk", filter=~validated)
    ):
        figures = counts.by_area[row["area_id"]]
        figures.held, figures.awaiting = row["held"], row["awaiting"]
    held = in_period.filter(validated, planned_event=OuterRef("pk"))
    for area_id, was_held in (
        PlannedEvent.objects.filter(date__range=(start, end))
        .annotate(held=Exists(held))
        .values_list("area_id", "held")
    ):
        counts.by_area[area_id].planned += 1
        counts.by_area[area_id].planned_held += was_held
    # The latest per area, found down its (area, start_date) index.
    last = live.filter(area=OuterRef("pk"), start_date__lte=end).order_by("-start_date")
    for area_id, day in PriorityArea.objects.annotate(
        last=Subquery(last.values("start_date")[:1])
    ).values_list("pk", "last"):
        if day is not None:
            counts.last_activity[area_id] = day
    counts.hosted = dict(
        in_period.values("host_state_id").annotate(n=Count("pk")).values_list("host_state_id", "n")
    )
    counts.participated = dict(
        Activity.participants.through.objects.filter(activity__in=in_period)
        .exclude(state_id=F("activity__host_state_id"))
        .values("state_id")
        .annotate(n=Count("activity_id"))
        .values_list("state_id", "n")
    )
    return counts


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
                        # The plan is public: a record returned for correction is not its.
                        queryset=Activity.objects.exclude(status=Activity.Status.RETURNED).only(
                            "pk", "status", "planned_event_id", "title"
                        ),
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
