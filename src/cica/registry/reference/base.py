"""What every app's writer shares: the writer's base, and the notes of a cited record."""

from dataclasses import dataclass, field
from typing import Any

from cica.registry.models import CitedFact, Source


@dataclass(frozen=True)
class Cited:
    """A text a writer words itself, with the sources it rests on (as the data's CitedText)."""

    text: str
    sources: list[str] = field(default_factory=list)


def cited_notes(kind: str, *texts) -> list[dict]:
    """The notes of a record: each cited text (the data's CitedText, or Cited) of `kind`."""
    return [{"kind": kind, "text": text.text, "sources": text.sources} for text in texts if text]


class BaseWriter:
    """Writes an app's part of a checked dataset inside load_reference's transaction.

    `sources` maps the data's source ids to their rows: one mapping for every app's writer,
    which the registry's fills first.
    """

    def __init__(self, data: Any, sources: dict[str, Source]):
        self.data = data
        self.sources = sources

    def _cite(self, record, source_ids: list[str]) -> None:
        """Attach `record`'s sources, in the file's order."""
        record.sources.set([self.sources[key] for key in dict.fromkeys(source_ids)])

    def _add(self, model, source_ids: list[str], **fields):
        """Create one of the reference data's own records, with its sources."""
        record = model.objects.create(from_reference=True, **fields)
        self._cite(record, source_ids)
        return record

    def _facts(self, facts: list[tuple[str, str, Any]]) -> None:
        """The registry's cited facts, by topic: (topic, date, cited text), in their order."""
        for position, (topic, date, text) in enumerate(facts):
            self._add(
                CitedFact, text.sources, topic=topic, date=date, text=text.text, position=position
            )
