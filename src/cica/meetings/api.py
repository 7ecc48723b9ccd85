"""The meetings API: meetings, their calendar feed, and meeting-cycle compliance."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from cica.core import clock
from cica.core.api import READ_ERRORS, PageIn, PageOut, json_response, page_json
from cica.core.cache import cached_read
from cica.core.conditional import RECORD, conditional
from cica.core.csvfile import csv_text
from cica.core.dates import IsoDate
from cica.core.errors import InvalidInput
from cica.meetings import calendar, export, queries
from cica.meetings.schemas import CyclesOut, MeetingDetailOut, MeetingOut

router = Router(tags=["meetings"])


class MeetingsPage(PageOut):
    items: list[MeetingOut]


@router.get("/meetings", response={200: MeetingsPage, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def list_meetings(
    request: HttpRequest,
    page: Query[PageIn],
    body: str | None = None,
    year: int | None = Query(None, ge=1990, le=2200),
    state: str | None = None,
):
    """Meetings, oldest first; by body id, by year, or those a state's delegation attended."""
    return json_response(_meetings_page(body, year, state, page))


@cached_read("meetings.list", reads=queries.CACHE_READS)
def _meetings_page(body: str | None, year: int | None, state: str | None, page: PageIn) -> bytes:
    meetings = queries.list_meetings(body=body, year=year, state=state)
    return page_json(meetings, queries.meeting_rows, page)


@router.get(
    "/meetings.ics",
    response={200: None, **READ_ERRORS},
    openapi_extra={"responses": {200: {"content": {"text/calendar": {}}}}},
)
@conditional(reads=queries.CACHE_READS)
def meetings_ics(
    request: HttpRequest,
    body: str | None = None,
    state: str | None = None,
    since: IsoDate | None = None,
    lang: Literal["en", "ru"] = "en",
):
    """An iCalendar feed (RFC 5545): all meetings, one body's, or one state's delegation's; those
    ending on or after `since`, by default a year before today, with titles, places and names in
    `lang`, English or Russian. The whole feed also has CICA's yearly days (CICA Day,
    5 October), each citing its sources."""
    feed = _calendar_feed(body, state and state.upper(), since, lang)
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="cica-meetings.ics"'
    return response


@cached_read("meetings.ics", reads=queries.CACHE_READS, kept=True)
def _calendar_feed(
    body: str | None = None, state: str | None = None, since: dt.date | None = None, lang="en"
) -> bytes:
    """The feed, kept current by the worker (core.kept): at 100x it takes seconds to build."""
    since = since or clock.today() - dt.timedelta(days=365)
    meetings = queries.list_meetings(body=body, state=state).filter(end_date__gte=since)
    days = queries.list_calendar_days() if not (body or state) else ()
    return calendar.meetings_calendar(meetings, language=lang, body=body, state=state, days=days)


@router.get(
    "/meetings.csv",
    response={200: None, **READ_ERRORS},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
@conditional(reads=queries.CACHE_READS)
def meetings_csv(request: HttpRequest):
    """Every meeting as CSV."""
    return _csv("meetings")


@router.get(
    "/delegations.csv",
    response={200: None, **READ_ERRORS},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
@conditional(reads=queries.CACHE_READS)
def delegations_csv(request: HttpRequest):
    """Every delegation recorded, with its level, as CSV."""
    return _csv("delegations")


def _csv(table: str) -> HttpResponse:
    header, rows = export.CSV_TABLES[table]
    response = HttpResponse(csv_text(header, rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cica-{table}.csv"'
    return response


@router.get("/meetings/{meeting_id}", response={200: MeetingDetailOut, **READ_ERRORS})
@conditional(reads=RECORD)
def get_meeting(request: HttpRequest, meeting_id: int):
    """A meeting with its delegations, agenda and attendance as reported."""
    return json_response(_meeting_detail(meeting_id))


@cached_read("meetings.meeting", reads=queries.CACHE_READS)
def _meeting_detail(meeting_id: int) -> str:
    return MeetingDetailOut.from_orm(queries.get_meeting(meeting_id)).model_dump_json()


@router.get("/cycles", response={200: CyclesOut, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def get_cycles(
    request: HttpRequest,
    body: str,
    from_year: int | None = Query(None, alias="from", ge=1990, le=2200),
    to_year: int | None = Query(None, alias="to", ge=1990, le=2200),
):
    """For each year the body had to meet by its rule then: held, planned, missing or due."""
    this_year = clock.today().year
    start, end = from_year or this_year - 10, to_year or this_year + 4
    if end < start:
        raise InvalidInput("'to' is before 'from'", field="to")
    return queries.cycle_compliance(body, start, end)
