"""iCalendar feeds (RFC 5545) of meetings, built with the icalendar library."""

import datetime as dt

from django.conf import settings
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cica.core import clock
from cica.reference import russian
from cica.registry.models import BodyName, State, active_on
from cica.registry.queries import get_body_on


def _with_body_names(meetings: QuerySet) -> QuerySet:
    """Each meeting with its body's names on its first day, in one query: bodies are renamed
    (the Summit became the Council of Heads of State or Government on 2022-10-13)."""
    name = BodyName.objects.filter(
        active_on(OuterRef("start_date")), body=OuterRef("body")
    ).order_by(F("valid_from").desc(nulls_last=True))
    return meetings.annotate(
        body_name_en=Subquery(name.values("name_en")[:1]),
        body_name_ru=Subquery(name.values("name_ru")[:1]),
    )


def meetings_calendar(
    meetings: QuerySet, *, language: str = "en", body: str | None = None, state: str | None = None
) -> bytes:
    """One all-day VEVENT per meeting; UIDs are stable, SEQUENCE counts the changes. The feed
    of all meetings, or of one body's (`body`, its key) or one state's delegation's (`state`).

    In `language` (English or Russian, CICA's working languages): titles, places and names
    from their fields in that language, labels from the translation catalogue.
    """
    with translation.override(language):
        parts = [_("CICA"), _("Meetings")]
        found = get_body_on(body, clock.today()) if body else None
        if found is not None:
            parts.append((language == "ru" and found.name_ru_on_date) or found.name_en_on_date)
        if state:
            parts.append(State.objects.get(code=state.upper()).name)
        name = " · ".join(part for part in parts if part)
        return _calendar(_with_body_names(meetings), name=name, language=language)


def _calendar(meetings: QuerySet, *, name: str, language: str) -> bytes:
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
    calendar.add_missing_timezones()
    return calendar.to_ical()
