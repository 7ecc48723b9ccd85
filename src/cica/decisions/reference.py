"""The decisions' part of the reference dataset: CICA's past decisions, as the data reports them
(the loader: cica.reference.writer)."""

from collections.abc import Callable

from cica.decisions.models import Decision
from cica.registry.models import Body
from cica.registry.reference import BaseWriter

# The name of a Summit or Ministerial of the data: (English, Russian). The meetings app gives it
# (the loader passes it on): the decisions app does not import the meetings.
MeetingTitle = Callable[[Body, object], tuple[str, str]]


class DecisionsWriter(BaseWriter):
    def clear(self) -> None:
        Decision.objects.filter(from_reference=True, historical=True).delete()

    def write(self, *, meeting_title: MeetingTitle) -> None:
        self._historical_decisions(meeting_title)

    def counts(self) -> dict[str, int]:
        return {"historical_decisions": Decision.objects.filter(historical=True).count()}

    def _historical_decisions(self, meeting_title: MeetingTitle) -> None:
        """CICA's past decisions as the sources report them: dated, cited, with no symbol."""
        meetings = self.data.meetings
        if meetings is None:
            return
        bodies = {body.key: body for body in Body.objects.all()}
        records = []
        for key, series in (("summit", meetings.summits), ("ministerial", meetings.ministerials)):
            for meeting in series:
                # At the meeting, named as it is: its body's name on its first day.
                how = meeting_title(bodies[key], meeting) if meeting.date else ("", "")
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
