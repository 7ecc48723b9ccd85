"""The meetings' part of the reference dataset: meetings, the rules of how often bodies meet, and
the yearly calendar (the loader: cica.reference.writer)."""

import datetime as dt
import functools

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import ngettext

from cica.core import clock, dates
from cica.meetings.models import CalendarEntry, CycleRule, Meeting
from cica.meetings.queries import title_for
from cica.registry.models import (
    Body,
    State,
)
from cica.registry.reference import BaseWriter, Cited, cited_notes
from cica.registry.russian import russian

# The Rules of Procedure's frequencies as parameters. The Ministerial's two wordings are not a
# change of rule but a dispute: "every 2 years" is stated in 2006 (kremlin-3712, of the 2004
# Rules), c.2014 (seed-004) and 2023 (seed-002); "every 4 years, 2 years after the Summit" from
# 2012 (s-cica-tr-2012) on. Both are kept in force from the First Ministerial Meeting, so every
# year is judged by both readings (rules.compliance) and none is "missing" on one alone.
_CYCLE_RULES = {
    "summit": [
        (
            "every 4 years",
            {"kind": "every_n_years", "interval_years": 4, "valid_from": dt.date(2002, 6, 4)},
        )
    ],
    "ministerial": [
        (
            "every 2 years",
            {
                "kind": "every_n_years",
                "interval_years": 2,
                "valid_from": dt.date(1999, 9, 14),
            },
        ),
        (
            "every 4 years, 2 years after",
            {
                "kind": "every_n_years",
                "interval_years": 4,
                "after_body": "summit",
                "offset_years": 2,
                "valid_from": dt.date(1999, 9, 14),
            },
        ),
    ],
    "soc": [("at least once a year", {"kind": "yearly", "valid_from": dt.date(2006, 1, 1)})],
}


def _date_range(text: str, start: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "2010-06-07/09" or "2016-04-27/28" or "2024-12-03/2024-12-04": the first and last day."""
    if "/" not in text:
        return None
    first, last = text.split("/", 1)
    first_day = dt.date.fromisoformat(first)
    tail = first[: len(first) - len(last)] + last
    return first_day, max(dt.date.fromisoformat(tail), first_day)


def meeting_days(item) -> tuple[dt.date, dt.date]:
    """The first and last day of a Summit or Ministerial of the reference data."""
    start = item.date[0]
    span = _date_range(item.date_range, start) if item.date_range else None
    return span or (start, item.end_date[0] if item.end_date else start)


_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


class MeetingsWriter(BaseWriter):
    def clear(self) -> None:
        # Meetings keep their calendar ids across reloads: matched by body, date and kind.
        CycleRule.objects.filter(from_reference=True).delete()
        CalendarEntry.objects.filter(from_reference=True).delete()

    def write(self) -> None:
        self._meetings()
        self._cycle_rules()
        self._calendar()

    def counts(self) -> dict[str, int]:
        return {"meetings": Meeting.objects.filter(from_reference=True).count()}

    @functools.cached_property
    def _held(self) -> list[Meeting]:
        return list(Meeting.objects.filter(body__isnull=False).select_related("body"))

    def meeting_on(self, body_key: str, day: dt.date) -> Meeting | None:
        """The meeting of a body held on `day`, if any (for the documents adopted there): read
        once, after the meetings are written."""
        return next(
            (m for m in self._held if m.body.key == body_key and m.start_date <= day <= m.end_date),
            None,
        )

    @staticmethod
    def title_of(body: Body, item) -> tuple[str, str]:
        """A Summit or Ministerial of the data named as it was: its body's name on its first
        day, with its ordinal (English, Russian)."""
        return title_for(body, meeting_days(item)[0], item.ordinal, "regular")

    def _meetings(self) -> None:
        """Every meeting the reference data lists, matched to existing rows so their ids last."""
        meetings = self.data.meetings
        if meetings is None:
            return
        bodies = {body.key: body for body in Body.objects.all()}
        states = {state.code: state for state in State.objects.all()}
        today = clock.today()
        seen = []
        for key, series in (("summit", meetings.summits), ("ministerial", meetings.ministerials)):
            for item in series:
                if not item.date:
                    continue
                precision = item.date[1]
                first, last = meeting_days(item)
                chair = item.chair.get("state") if isinstance(item.chair, dict) else item.chair
                attendance = [a.model_dump() for a in item.attendance]
                seen.append(
                    self._meeting(
                        bodies[key],
                        ordinal=item.ordinal,
                        start_date=first,
                        end_date=last,
                        date_precision=precision,
                        city=item.city,
                        country=states.get(item.country or ""),
                        chair=states.get(chair) if isinstance(chair, str) else None,
                        format="online"
                        if item.format in ("online", "videoconference")
                        else "in_person",
                        status="planned" if item.status == "planned" or first > today else "held",
                        theme=item.theme,
                        occasion=item.occasion,
                        attendance_reported=attendance,
                        notes=cited_notes("note", *item.notes),
                        conflicts=item.conflicts,
                        sources=[key for a in item.attendance for key in a.sources]
                        + [key for d in item.decisions for key in d.sources]
                        + [key for n in item.notes for key in n.sources],
                    )
                )
        for item in meetings.special_and_informal_ministerials:
            if item.kind not in ("special", "informal") or not item.date:
                continue
            start, precision = item.date
            unga = item.city == "New York"
            seen.append(
                self._meeting(
                    bodies["ministerial"],
                    kind=item.kind,
                    start_date=start,
                    end_date=start,
                    date_precision=precision,
                    city=item.city,
                    format="unga_sidelines"
                    if unga
                    else ("online" if item.format == "videoconference" else "in_person"),
                    status="held" if start <= today else "planned",
                    notes=cited_notes("note", Cited(text=item.note, sources=item.sources)),
                    sources=item.sources,
                )
            )
        for item in meetings.soc_swg_notable:
            if not item.date or not item.body:
                continue
            start, precision = item.date
            end = item.end_date[0] if item.end_date else start
            for key in item.body.split("+"):
                seen.append(
                    self._meeting(
                        bodies[key],
                        start_date=start,
                        end_date=end,
                        date_precision=precision,
                        city=item.city,
                        format="online" if item.format == "online" else "in_person",
                        status="held" if start <= today else "planned",
                        notes=cited_notes("note", Cited(text=item.note, sources=item.sources))
                        if item.note
                        else [],
                        sources=item.sources,
                    )
                )
        for item in meetings.pre_conference_meetings:
            if not item.date:
                continue
            start, precision = item.date
            seen.append(
                self._meeting(
                    bodies["swg"] if item.kind.startswith("first SWG") else None,
                    title_en=capfirst(item.kind),
                    title_ru=capfirst(russian(item.kind) or ""),
                    kind="preparatory",
                    start_date=start,
                    end_date=item.end_date[0] if item.end_date else start,
                    date_precision=precision,
                    city=item.city,
                    status="held",
                    attendance_reported=[_participants(item.participants, item.sources)]
                    if item.participants
                    else [],
                    sources=item.sources,
                )
            )
        for body_item in self.data.bodies:
            for item in body_item.meetings:
                if not item.date:
                    continue
                start, precision = item.date
                seen.append(
                    self._meeting(
                        bodies[body_item.id],
                        ordinal=item.ordinal,
                        start_date=start,
                        end_date=item.end_date[0] if item.end_date else start,
                        date_precision=precision,
                        city=item.place or item.host,
                        status="held" if start <= today else "planned",
                        notes=cited_notes("note", Cited(text=item.note, sources=item.sources))
                        if item.note
                        else [],
                        sources=item.sources,
                    )
                )
        Meeting.objects.filter(from_reference=True).exclude(pk__in=seen).delete()

    def _meeting(self, body, *, sources, start_date, kind="regular", **fields) -> int:
        """Create or update one meeting; the same body, start and kind is the same meeting.

        A meeting of a body is named by the body's name on its date, with its ordinal.
        """
        meeting = Meeting.objects.filter(
            body=body, start_date=start_date, kind=kind, from_reference=True
        ).first() or Meeting(body=body, start_date=start_date, kind=kind, from_reference=True)
        # A meeting known only to the month or year may fall on any day of it (cica.core.dates):
        # it ends, at the latest, on the period's last day, and is upcoming until then.
        precision = fields.get("date_precision", "day")
        fields["end_date"] = dates.bounds(fields["end_date"], precision)[1]
        if body is not None and "title_en" not in fields:
            fields["title_en"], fields["title_ru"] = title_for(
                body, start_date, fields.get("ordinal"), kind
            )
        for name, value in fields.items():
            setattr(meeting, name, value)
        meeting.save()
        self._cite(meeting, sources)
        return meeting.pk

    def _cycle_rules(self) -> None:
        bodies = {body.key: body for body in Body.objects.all()}
        for item in self.data.bodies:
            for frequency in item.frequency:
                for prefix, params in _CYCLE_RULES.get(item.id, []):
                    if frequency.value.startswith(prefix):
                        params = dict(params)
                        after = params.pop("after_body", None)
                        self._add(
                            CycleRule,
                            frequency.sources,
                            body=bodies[item.id],
                            after_body=bodies.get(after) if after else None,
                            text=frequency.value,
                            **params,
                        )

    def _calendar(self) -> None:
        for entry in self.data.calendar:
            # One-off entries (the 2026 Summit) are meetings already; the rest recur, on a day
            # ("10-05") or in a month ("September (UNGA high-level week)").
            month = (
                int(entry.month_day[:2])
                if entry.month_day
                else _MONTHS.get(entry.period.split(" ", 1)[0].lower())
            )
            if month and (entry.month_day or entry.recurring):
                self._add(
                    CalendarEntry,
                    entry.sources,
                    name=entry.name,
                    month=month,
                    month_day=entry.month_day,
                    period=entry.period,
                    note=entry.note,
                )


def _participants(count: int, sources: list[str]) -> dict:
    """A reported attendance "12 participants", with its Russian form."""
    texts = {}
    for language in ("en", "ru"):
        with translation.override(language):
            texts[language] = ngettext("%(count)s participant", "%(count)s participants", count) % {
                "count": count
            }
    return {"text": texts["en"], "text_ru": texts["ru"], "sources": sources}
