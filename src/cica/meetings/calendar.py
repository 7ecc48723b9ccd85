"""iCalendar feeds (RFC 5545) of meetings, built with the icalendar library."""

import datetime as dt

from django.conf import settings
from icalendar import Calendar, Event

from cica.core import clock


def meetings_calendar(meetings, *, name: str) -> bytes:
    """One all-day VEVENT per meeting; UIDs are stable, SEQUENCE counts the changes."""
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
        if meeting.body:
            event.add("categories", [meeting.body.key])
        event.add("url", f"{settings.CICA_SITE_URL}/en/meetings/{meeting.pk}/")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
