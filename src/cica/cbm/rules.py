"""The arithmetic of the CBM review. Pure functions over plain records: no database access.

A review covers a period, both ends inclusive. It counts, per area, the events the Plans of
Implementation planned in the period, the activities held in it (validated by the Secretariat)
and those still awaiting validation, and how many planned events were held; it lists the areas
without a coordinator at the end of the period and those with no activity in the twelve months
before that end; per dimension it sums its areas; per state it gives the areas it coordinates
and co-coordinates at the end of the period and the activities it hosted or joined.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from cica.registry.rules import covers

COORDINATOR, CO_COORDINATOR = "coordinator", "co_coordinator"
VALIDATED, RECORDED, RETURNED = "validated", "recorded", "returned"
QUIET_DAYS = 365


def twelve_months_before(day: dt.date) -> dt.date:
    """The first day of the twelve months that end on `day`; in year 1, the calendar's first."""
    if day.year == dt.MINYEAR:  # year 0 does not exist: replace() raised, the API gave a 500
        return dt.date.min
    try:
        return day.replace(year=day.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28) + dt.timedelta(days=1)


def current_roles(coordinations: Iterable, on: dt.date) -> dict[int, dict[str, list]]:
    """Per area, its coordinator and co-coordinators on a date.

    An area has one coordinator: when several terms cover the date (a term attested later while
    an earlier one has no known end), the latest to start is the coordinator.
    """
    roles: dict[int, dict[str, list]] = defaultdict(lambda: {COORDINATOR: [], CO_COORDINATOR: []})
    for record in coordinations:
        if covers(record, on):
            roles[record.area_id][record.role].append(record)
    for area_roles in roles.values():
        # A state holds a role once, however many sources attest it: its earliest term shows.
        for role, records in area_roles.items():
            earliest: dict[int, object] = {}
            for record in sorted(records, key=lambda r: r.valid_from or dt.date.min):
                earliest.setdefault(record.state_id, record)
            area_roles[role] = list(earliest.values())
        if len(area_roles[COORDINATOR]) > 1:
            latest = max(area_roles[COORDINATOR], key=lambda r: r.valid_from or dt.date.min)
            area_roles[COORDINATOR] = [latest]
    return roles


@dataclass
class Figures:
    planned: int = 0
    planned_held: int = 0
    held: int = 0
    awaiting: int = 0

    def add(self, other: "Figures") -> None:
        self.planned += other.planned
        self.planned_held += other.planned_held
        self.held += other.held
        self.awaiting += other.awaiting


@dataclass
class AreaReview:
    area: object
    dimension: object
    figures: Figures
    coordinators: list
    co_coordinators: list
    last_activity: dt.date | None

    @property
    def without_coordinator(self) -> bool:
        return not self.coordinators


@dataclass
class StateReview:
    state: object
    coordinates: list = field(default_factory=list)
    co_coordinates: list = field(default_factory=list)
    hosted: int = 0
    participated: int = 0


@dataclass
class Review:
    start: dt.date
    end: dt.date
    areas: list[AreaReview]
    dimensions: list[tuple[object, Figures]]
    states: list[StateReview]
    without_coordinator: list[AreaReview]
    quiet: list[AreaReview]
    total: Figures


@dataclass
class Tally:
    """The counts a review needs from the activities and planned events of its period.

    `tally()` below is their definition over plain records; the database computes the same in
    SQL (queries.tally), and a test holds the two equal.
    """

    by_area: dict[int, Figures] = field(default_factory=lambda: defaultdict(Figures))
    last_activity: dict[int, dt.date] = field(default_factory=dict)
    hosted: dict[int, int] = field(default_factory=dict)
    participated: dict[int, int] = field(default_factory=dict)


def tally(*, start: dt.date, end: dt.date, planned_events: Iterable, activities: Iterable) -> Tally:
    """The counts of a period. `activities` carry `participants_list` and include, per area, the
    last before the period (the quiet areas); returned activities count nowhere."""
    result = Tally()
    live = [a for a in activities if a.status != RETURNED]
    in_period = [a for a in live if start <= a.start_date <= end]
    for event in planned_events:
        if event.date is not None and start <= event.date <= end:
            result.by_area[event.area_id].planned += 1
            if any(a.planned_event_id == event.pk and a.status == VALIDATED for a in in_period):
                result.by_area[event.area_id].planned_held += 1
    for activity in in_period:
        figures = result.by_area[activity.area_id]
        if activity.status == VALIDATED:
            figures.held += 1
        else:
            figures.awaiting += 1
        host = activity.host_state_id
        result.hosted[host] = result.hosted.get(host, 0) + 1
        for state in activity.participants_list:
            if state.pk != host:
                result.participated[state.pk] = result.participated.get(state.pk, 0) + 1
    for activity in live:
        if activity.start_date <= end:
            area = activity.area_id
            result.last_activity[area] = max(
                result.last_activity.get(area, dt.date.min), activity.start_date
            )
    return result


def review(
    *,
    start: dt.date,
    end: dt.date,
    dimensions: list,
    areas: list,
    states: dict[int, object],
    counts: Tally,
    coordinations: list,
) -> Review:
    """The review of a period from its counts; `states` maps the ids the counts name to states."""
    roles = current_roles(coordinations, end)
    dimension_of = {dimension.pk: dimension for dimension in dimensions}
    area_reviews = [
        AreaReview(
            area=area,
            dimension=dimension_of[area.dimension_id],
            figures=counts.by_area.get(area.pk, Figures()),
            coordinators=[r.state for r in roles[area.pk][COORDINATOR]],
            co_coordinators=[r.state for r in roles[area.pk][CO_COORDINATOR]],
            last_activity=counts.last_activity.get(area.pk),
        )
        for area in areas
    ]
    dimension_figures = []
    total = Figures()
    for dimension in dimensions:
        figures = Figures()
        for row in area_reviews:
            if row.area.dimension_id == dimension.pk:
                figures.add(row.figures)
        total.add(figures)
        dimension_figures.append((dimension, figures))
    rows: dict[int, StateReview] = {}

    def state_row(state) -> StateReview:
        return rows.setdefault(state.pk, StateReview(state=state))

    for row in area_reviews:
        for state in row.coordinators:
            state_row(state).coordinates.append(row.area)
        for state in row.co_coordinators:
            state_row(state).co_coordinates.append(row.area)
    for state_id, hosted in counts.hosted.items():
        state_row(states[state_id]).hosted = hosted
    for state_id, participated in counts.participated.items():
        state_row(states[state_id]).participated = participated
    return Review(
        start=start,
        end=end,
        areas=area_reviews,
        dimensions=dimension_figures,
        states=sorted(rows.values(), key=lambda row: row.state.name),
        without_coordinator=[row for row in area_reviews if row.without_coordinator],
        quiet=[
            row
            for row in area_reviews
            if row.last_activity is None or row.last_activity < twelve_months_before(end)
        ],
        total=total,
    )
