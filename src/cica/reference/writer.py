"""Writes a checked reference dataset through the apps: each app's `reference.py` writes its part.

Runs inside load_reference's transaction. The reference data's own records are replaced as a
whole; records made by actions are left alone. The reference app sits above the others: it hands
each writer what it needs of another app (a meeting's title, the documents by key), so that the
apps import none of their siblings.
"""

from cica.cbm.reference import CbmWriter
from cica.decisions.reference import DecisionsWriter
from cica.documents.reference import DocumentsWriter
from cica.meetings.reference import MeetingsWriter
from cica.registry.reference import RegistryWriter


def write(data) -> dict[str, int]:
    """Write `data` (a checked ReferenceIn); the number of records of each kind."""
    sources: dict = {}  # the data's source ids -> their rows, filled by the registry first
    registry = RegistryWriter(data, sources)
    decisions = DecisionsWriter(data, sources)
    meetings = MeetingsWriter(data, sources)
    documents = DocumentsWriter(data, sources)
    cbm = CbmWriter(data, sources)
    writers = (registry, decisions, meetings, documents, cbm)
    for writer in writers:
        writer.clear()
    registry.write()
    decisions.write(meeting_title=meetings.title_of)
    meetings.write()
    documents.write(meeting_on=meetings.meeting_on)
    cbm.write(documents=documents.by_key())
    registry.write_about()
    counts: dict[str, int] = {}
    for writer in writers:
        counts |= writer.counts()
    return counts
