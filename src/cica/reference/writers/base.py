"""What every part of the reference writer shares: citations and periods."""

from cica.core import dates
from cica.reference.schema import CitedText, ReferenceIn


def _notes(kind: str, *texts: CitedText | None) -> list[dict]:
    return [{"kind": kind, "text": text.text, "sources": text.sources} for text in texts if text]


def _period(record, *, start_unknown: bool = False, end_unknown: bool = False) -> dict:
    """The Period fields of a record whose `valid_from` and `valid_to` are partial dates.

    Each boundary spans its period: "from 2014-05" may have begun on any day of May 2014. A
    missing start is unknown when `start_unknown` (a relation no source dates), else open; a
    missing end is unknown when `end_unknown` (a term no source ends), else open.
    """
    return span(record.valid_from, record.valid_to, start_unknown, end_unknown)


def span(start, end, start_unknown: bool = False, end_unknown: bool = False) -> dict:
    """The Period fields from partial dates (first day, precision), either of them None."""
    fields = {
        "from_unknown": start is None and start_unknown,
        "to_unknown": end is None and end_unknown,
    }
    if start:
        first, last = dates.bounds(*start)
        fields |= {"valid_from": first, "from_precision": start[1], "from_latest": last}
    else:
        fields |= {"valid_from": None, "from_precision": "day", "from_latest": None}
    if end:
        first, last = dates.bounds(*end)
        fields |= {"valid_to": last, "to_precision": end[1], "to_earliest": first}
    else:
        # An unknown end: in office at least on the day it certainly began.
        lasted = fields["from_latest"] if fields["to_unknown"] else None
        fields |= {"valid_to": None, "to_precision": "day", "to_earliest": lasted}
    return fields


class BaseWriter:
    """Writes inside load_reference's transaction; `sources` maps source ids to rows."""

    def __init__(self, data: ReferenceIn):
        self.data = data
        self.sources: dict = {}

    def _cite(self, record, source_ids: list[str]) -> None:
        """Attach `record`'s sources, in the file's order."""
        record.sources.set([self.sources[key] for key in dict.fromkeys(source_ids)])

    def _add(self, model, source_ids: list[str], **fields):
        """Create one of the reference data's own records, with its sources."""
        record = model.objects.create(from_reference=True, **fields)
        self._cite(record, source_ids)
        return record
