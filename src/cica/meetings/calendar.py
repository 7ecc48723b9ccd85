"""iCalendar feeds (RFC 5545) of meetings and of CICA's yearly days, built with the icalendar
library."""

import datetime as dt
import re

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cica.core import clock

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def meetings_calendar(meetings, *, name: str, days=()) -> bytes:
    """One all-day VEVENT per meeting; UIDs are stable, SEQUENCE counts the changes. `days` are
    CICA's yearly days (CalendarEntry), each a yearly event citing its sources."""
    calendar = Calendar()
    calendar.add("prodid", "-//CICA Secretariat//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Almaty")
    stamp = clock.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.uid}@cica-secretariat")
        event.add("dtstamp", stamp)
        event.add("sequence", meeting.sequence)
        event.add("summary", meeting.title_en or str(meeting))
        event.add("dtstart", meeting.start_date)
        # All-day events end the day after their last day (RFC 5545 3.6.1).
        event.add("dtend", meeting.end_date + dt.timedelta(days=1))
        place = ", ".join(
            part
            for part in (meeting.city, meeting.country.name_en if meeting.country else "")
            if part
        )
        if place:
            event.add("location", place)
        event.add(
            "status",
            {"planned": "TENTATIVE", "held": "CONFIRMED", "cancelled": "CANCELLED"}[meeting.status],
        )
        # The body's name on the meeting's date (queries.with_body_names), not its key.
        if getattr(meeting, "body_name_en", None):
            event.add("categories", [meeting.body_name_en])
        event.add("url", f"{settings.CICA_SITE_URL}/en/meetings/{meeting.pk}/")
        calendar.add_component(event)
    for day in days:
        calendar.add_component(_day_event(day, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _day_event(entry, stamp: dt.datetime) -> Event:
    """A day of CICA's year (CICA Day, 5 October) recurring yearly from the year it marks, with
    its note and its sources, as the calendar page cites them."""
    month, day = (int(part) for part in entry.month_day.split("-"))
    found = _YEAR.search(f"{entry.name} {entry.note}")
    first = dt.date(int(found.group()) if found else 1992, month, day)
    event = Event()
    # Stable across reloads of the reference data, which recreate the entries.
    event.add("uid", f"day-{entry.month_day}-{slugify(entry.name)[:60]}@cica-secretariat")
    event.add("dtstamp", stamp)
    event.add("summary", entry.name)
    event.add("dtstart", first)
    event.add("dtend", first + dt.timedelta(days=1))
    event.add("rrule", {"freq": "yearly"})
    event.add("transp", "TRANSPARENT")
    sources = "; ".join(f"{source.key}: {source.title}" for source in entry.sources.all())
    event.add(
        "description",
        "\n".join(
            part for part in (entry.note, _("Sources: %(sources)s") % {"sources": sources}) if part
        ),
    )
    event.add("url", f"{settings.CICA_SITE_URL}/en/calendar/?month={month}")
    return event
