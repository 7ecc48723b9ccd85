"""CICA's past decisions, as the reference data reports them."""

from cica.decisions.models import Decision
from cica.meetings.queries import title_for
from cica.reference.writers.base import BaseWriter
from cica.reference.writers.meetings import meeting_days
from cica.registry.models import (
    Body,
)


class DecisionsWriter(BaseWriter):
    def _historical_decisions(self) -> None:
        """CICA's past decisions as the sources report them: dated, cited, with no symbol."""
        meetings = self.data.meetings
        if meetings is None:
            return
        bodies = {body.key: body for body in Body.objects.all()}
        records = []
        for key, series in (("summit", meetings.summits), ("ministerial", meetings.ministerials)):
            for meeting in series:
                # At the meeting, named as it is: its body's name on its first day.
                how = (
                    title_for(bodies[key], meeting_days(meeting)[0], meeting.ordinal, "regular")
                    if meeting.date
                    else ("", "")
                )
                records += [
                    (key, meeting.date, meeting.city, how, decision.text, decision.sources)
                    for decision in meeting.decisions
                    if meeting.date
                ]
        for entry in meetings.special_and_informal_ministerials:
            if entry.kind == "decision" and entry.date:
                records.append(
                    ("ministerial", entry.date, entry.city, ("", ""), entry.note, entry.sources)
                )
        for entry in meetings.soc_swg_notable:
            if entry.note and entry.body in ("soc", None) and entry.date:
                records.append(
                    (entry.body, entry.date, entry.city, ("", ""), entry.note, entry.sources)
                )
        for body_key, (on, precision), city, (how_en, how_ru), text, sources in records:
            if "silence procedure" in text:
                how_en = ", ".join(part for part in (how_en, "silence procedure") if part)
                how_ru = ", ".join(part for part in (how_ru, "процедура умолчания") if part)
            self._add(
                Decision,
                sources,
                historical=True,
                body=bodies.get(body_key) if body_key else None,
                title=text,
                adopted_on=on,
                adopted_on_precision=precision,
                place=city,
                how_en=how_en,
                how_ru=how_ru or None,
            )
