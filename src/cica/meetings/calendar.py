"""iCalendar feeds (RFC 5545) of meetings and of CICA's yearly days, built with the icalendar
library, in English or Russian."""

import datetime as dt
import re

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cica.core import clock
from cica.registry import russian
from cica.registry.queries import get_body_on, get_state_by_code

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def meetings_calendar(
    meetings: QuerySet,
    *,
    language: str = "en",
    body: str | None = None,
    state: str | None = None,
    days=(),
) -> bytes:
    """One all-day VEVENT per meeting (annotated with its body's names by
    queries.list_meetings); UIDs are stable, SEQUENCE counts the changes. The feed of all
    meetings, or of one body's (`body`, its key) or one state's delegation's (`state`); `days`
    are CICA's yearly days (CalendarEntry), each a yearly event citing its sources.

    In `language` (English or Russian, CICA's working languages): titles, places and names
    from their fields in that language, labels from the translation catalogue.
    """
    with translation.override(language):
        parts = [_("CICA"), _("Meetings")]
        found = get_body_on(body, clock.today()) if body else None
        if found is not None:
            parts.append((language == "ru" and found.name_ru_on_date) or found.name_en_on_date)
        if state:
            parts.append(get_state_by_code(state).name)
        name = " · ".join(part for part in parts if part)
        return _calendar(meetings, name=name, language=language, days=days)


def _calendar(meetings: QuerySet, *, name: str, language: str, days) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//CICA Secretariat//Meetings//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Almaty")
    stamp = clock.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.uid}@cica-secretariat")
        event.add("dtstamp", stamp)
        event.add("sequence", meeting.sequence)
        # Fields in the active language (modeltranslation); where none is given, the Russian
        # form of the data's English text (cica.ru.yaml).
        event.add("summary", russian.localize(meeting.title or str(meeting), language))
        event.add("dtstart", meeting.start_date)
        # All-day events end the day after their last day (RFC 5545 3.6.1).
        event.add("dtend", meeting.end_date + dt.timedelta(days=1))
        # A city is a text of the data: its Russian form comes from cica.ru.yaml.
        city = russian.localize(meeting.city, language)
        place = ", ".join(
            part for part in (city, meeting.country.name if meeting.country else "") if part
        )
        if place:
            event.add("location", place)
        # The body's name on the meeting's date, not its key.
        body = (language == "ru" and meeting.body_name_ru) or meeting.body_name_en
        lines = [
            f"{_('Body')}: {body}" if body else "",
            f"{_('Chair')}: {meeting.chair.name}" if meeting.chair else "",
            capfirst(meeting.get_format_display()),
        ]
        event.add("description", "\n".join(line for line in lines if line))
        event.add(
            "status",
            {"planned": "TENTATIVE", "held": "CONFIRMED", "cancelled": "CANCELLED"}[meeting.status],
        )
        if body:
            event.add("categories", [body])
        event.add("url", f"{settings.CICA_SITE_URL}/{language}/meetings/{meeting.pk}/")
        calendar.add_component(event)
    for day in days:
        calendar.add_component(_day_event(day, stamp, language))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _day_event(entry, stamp: dt.datetime, language: str) -> Event:
    """A day of CICA's year (CICA Day, 5 October) recurring yearly from the year it marks, with
    its note and its sources, as the calendar page cites them."""
    month, day = (int(part) for part in entry.month_day.split("-"))
    found = _YEAR.search(f"{entry.name} {entry.note}")
    first = dt.date(int(found.group()) if found else 1992, month, day)
    event = Event()
    # Stable across reloads of the reference data, which recreate the entries.
    event.add("uid", f"day-{entry.month_day}-{slugify(entry.name)[:60]}@cica-secretariat")
    event.add("dtstamp", stamp)
    event.add("summary", russian.localize(entry.name, language))
    event.add("dtstart", first)
    event.add("dtend", first + dt.timedelta(days=1))
    event.add("rrule", {"freq": "yearly"})
    event.add("transp", "TRANSPARENT")
    sources = "; ".join(
        f"{source.key}: {russian.localize(source.title, language)}"
        for source in entry.sources.all()
    )
    cited = _("Sources: %(sources)s") % {"sources": sources}
    note = russian.localize(entry.note, language)
    event.add("description", "\n".join(part for part in (note, cited) if part))
    event.add("url", f"{settings.CICA_SITE_URL}/{language}/calendar/?month={month}")
    return event
