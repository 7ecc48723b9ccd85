"""Reads of meetings, and the compliance of each body with its meeting cycle."""

import datetime as dt

from django.db.models import F, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from cica.core import clock
from cica.core.dates import format_partial_date
from cica.core.errors import InvalidInput, NotFound
from cica.meetings import rules
from cica.meetings.models import CalendarEntry, CycleRule, Delegation, Meeting, localized
from cica.registry import queries as registry
from cica.registry.models import Body, BodyFrequency

# What a cached read of meetings depends on (core.cache).
CACHE_READS = ("meetings", *registry.CACHE_READS)


def get_body(key: str, field: str = "body") -> Body:
    return registry.get_body_by_key(key, field=field, error=NotFound)


def with_body_names(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Each meeting with its body's names on its first day (Meeting.body_name): pages name the
    body as it was then (the Ministerial Council after 2022-10-13), never by its key."""
    return meetings.annotate(**registry.body_names_on(OuterRef("start_date"), "body"))


def named_bodies(
    *, keys: tuple[str, ...] | None = None, with_meetings: bool = False
) -> list[tuple[str, str]]:
    """(key, name today) of the bodies, or of those named or with meetings: for selects, which
    show a body's name, never its key."""
    bodies = Body.objects.annotate(**registry.body_names_on(clock.today())).order_by("position")
    if keys is not None:
        bodies = bodies.filter(key__in=keys)
    if with_meetings:
        bodies = bodies.filter(meetings__isnull=False).distinct()
    return [
        (key, localized(name_en, name_ru) or key)
        for key, name_en, name_ru in bodies.values_list("key", "body_name_en", "body_name_ru")
    ]


def title_for(body: Body | None, date: dt.date, ordinal: int | None, kind: str) -> tuple[str, str]:
    """A meeting's English and Russian titles, from its body's names on its date."""
    if body is None:
        return "", ""
    named = Body.objects.annotate(**registry.body_names_on(date)).get(pk=body.pk)
    return rules.meeting_title(named.body_name_en, named.body_name_ru, ordinal, kind)


def list_meetings(
    *, body: str | None = None, year: int | None = None, state: str | None = None
) -> QuerySet[Meeting]:
    """Meetings oldest first, with their body's names then; by body, by year, or those a
    state's delegation attended."""
    meetings = with_body_names(
        Meeting.objects.select_related("body", "country", "chair").prefetch_related("sources")
    )
    if body:
        meetings = meetings.filter(body=get_body(body))
    if year is not None:
        meetings = meetings.filter(start_date__year=year)
    if state:
        found = registry.get_state_by_code(state, error=NotFound)
        meetings = meetings.filter(delegations__state=found)
    return meetings.order_by("start_date", "pk")


def meeting_rows(meetings: QuerySet[Meeting]) -> list[dict]:
    """The API's MeetingOut of each meeting, from two queries of plain values (the list's fast
    path): the meetings with their related codes, then the keys of their sources."""
    rows = list(
        meetings.values(
            "id",
            "uid",
            "title_en",
            "title_ru",
            "ordinal",
            "kind",
            "status",
            "start_date",
            "end_date",
            "date_precision",
            "city",
            "format",
            "body_name_en",
            "body_name_ru",
            body_key=F("body__key"),
            country_code=F("country__code"),
            chair_code=F("chair__code"),
        )
    )
    sources = registry.source_keys(Meeting, [row["id"] for row in rows])
    return [
        {
            "id": row["id"],
            "uid": str(row["uid"]),
            "body": row["body_key"],
            "body_name_en": row["body_name_en"],
            "body_name_ru": row["body_name_ru"],
            "title_en": row["title_en"],
            "title_ru": row["title_ru"],
            "ordinal": row["ordinal"],
            "kind": row["kind"],
            "status": row["status"],
            "start_date": row["start_date"],
            "end_date": row["end_date"],
            "dates": format_partial_date(row["start_date"], row["date_precision"]),
            "city": row["city"],
            "country": row["country_code"],
            "format": row["format"],
            "chair": row["chair_code"],
            "sources": sources[row["id"]],
        }
        for row in rows
    ]


def decisions_taken(meeting: Meeting):
    """The meeting's outcome: decisions of its body dated within the meeting, newest first,
    with their sources. Only the decisions' own rows: the meeting's cached detail reads no
    more of the decisions app than it declares (core.cache)."""
    from cica.decisions.models import Decision

    if meeting.body is None:
        return Decision.objects.none()
    return (
        Decision.objects.filter(
            body=meeting.body, adopted_on__gte=meeting.start_date, adopted_on__lte=meeting.end_date
        )
        .prefetch_related("sources")
        .order_by("-adopted_on", "-pk")
    )


def meeting_years() -> list[int]:
    """The years with meetings, latest first."""
    return [day.year for day in Meeting.objects.dates("start_date", "year", order="DESC")]


def get_meeting(meeting_id: int) -> Meeting:
    meeting = (
        list_meetings()
        .prefetch_related(
            Prefetch(
                "delegations",
                queryset=Delegation.objects.select_related("state", "organization"),
            ),
            # The agenda shows each procedure by its id: no read of the decisions app.
            "agenda",
        )
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise NotFound(f"no meeting {meeting_id}", field="id")
    return meeting


def next_meetings(limit: int = 5) -> QuerySet[Meeting]:
    """Planned meetings from today on, soonest first."""
    return (
        list_meetings()
        .filter(status=Meeting.Status.PLANNED, end_date__gte=clock.today())
        .order_by("start_date")[:limit]
    )


def _rule_versions(body: Body) -> list[rules.RuleVersion]:
    versions = []
    for rule in CycleRule.objects.filter(body=body).select_related("after_body"):
        after_years = ()
        if rule.after_body:
            after_years = tuple(
                Meeting.objects.filter(body=rule.after_body, kind=Meeting.Kind.REGULAR)
                .exclude(status=Meeting.Status.CANCELLED)
                .values_list("start_date__year", flat=True)
            )
        versions.append(
            rules.RuleVersion(
                kind=rule.kind,
                interval_years=rule.interval_years,
                after_years=after_years,
                offset_years=rule.offset_years,
                valid_from=rule.valid_from,
                valid_to=rule.valid_to,
                text=rule.text,
            )
        )
    return versions


def cycle_compliance(body_key: str, start: int, end: int) -> dict:
    """For each year the body had to meet: held, planned, missing or due, and the Chair then."""
    if end < start:
        raise InvalidInput("'to' is before 'from'", field="to")
    # Bounded work, in the years the API declares (as calendar_year): a limit of 200 years
    # refused spans within them.
    if start < 1990 or end > 2200:
        raise InvalidInput(_("Years from 1990 to 2200."), field="from" if start < 1990 else "to")
    body = get_body(body_key)
    meetings = list(Meeting.objects.filter(body=body).select_related("chair"))
    slots = rules.compliance(_rule_versions(body), meetings, start, end, clock.today().year)
    chairs = list(registry.list_chairmanships())
    for slot in slots:
        # A meeting names its own chair; otherwise the term covering mid-year (the chair's
        # tenure is tied to hosting, RoP Art. 14.2).
        chaired = [m.chair for m in slot.meetings if m.chair_id]
        mid_year = dt.date(slot.year, 7, 1)
        slot.chair = (
            chaired[0]
            if chaired
            else next(
                (
                    term.state
                    for term in chairs
                    if (term.valid_from or dt.date.min)
                    <= mid_year
                    <= (term.valid_to or dt.date.max)
                ),
                None,
            )
        )
    named = registry.get_body_on(body.key, clock.today())
    return {
        "body": body,
        "name_en": named.name_en_on_date,
        "name_ru": named.name_ru_on_date,
        # Every statement of how often the body meets, with its sources: the Ministerial's
        # conflict (bodies[ministerial].conflicts) is shown, not resolved.
        "statements": list(BodyFrequency.objects.filter(body=body).prefetch_related("sources")),
        "rules": list(CycleRule.objects.filter(body=body).prefetch_related("sources")),
        "slots": slots,
        "next_due": rules.next_due(slots),
    }


def list_calendar_days():
    """CICA's days of the year given to the day (CICA Day, 5 October), with their sources."""
    return CalendarEntry.objects.exclude(month_day="").prefetch_related("sources")


def calendar_year(year: int) -> list[dict]:
    """Each month of `year` with its meetings and CICA's recurring days: three queries."""
    if not 1990 <= year <= 2200:
        raise InvalidInput("a year from 1990 to 2200", field="year")
    meetings = list(
        Meeting.objects.select_related("body", "country")
        .filter(start_date__lte=dt.date(year, 12, 31), end_date__gte=dt.date(year, 1, 1))
        .order_by("start_date")
    )
    entries = list(CalendarEntry.objects.prefetch_related("sources"))
    months = []
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        months.append(
            {
                "first": first,
                "meetings": [m for m in meetings if m.start_date <= last and m.end_date >= first],
                "entries": [e for e in entries if e.month == month],
            }
        )
    return months
