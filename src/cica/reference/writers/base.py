"""What every part of the reference writer shares: citations and periods."""

from cica.reference.schema import CitedText, ReferenceIn


def _notes(kind: str, *texts: CitedText | None) -> list[dict]:
    return [{"kind": kind, "text": text.text, "sources": text.sources} for text in texts if text]


def _period(record) -> dict:
    start, end = record.valid_from, record.valid_to
    return {
        "valid_from": start[0] if start else None,
        "from_precision": start[1] if start else "day",
        "valid_to": end[0] if end else None,
        "to_precision": end[1] if end else "day",
    }


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
