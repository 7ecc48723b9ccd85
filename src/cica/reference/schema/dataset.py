"""The whole reference file: its sections, and the supplement beside it."""

from cica.reference.schema.base import CitedText, PartialDate, Record
from cica.reference.schema.cbm import CbmIn
from cica.reference.schema.documents import DocumentIn
from cica.reference.schema.meetings import CalendarEntryIn, MeetingsIn
from cica.reference.schema.registry import (
    BodyIn,
    ChairmanshipIn,
    ConflictIn,
    CountIn,
    OrganizationIn,
    SecretariatIn,
    SourceIn,
    StateIn,
)
from cica.reference.schema.supplement import SupplementIn


class MetaIn(Record):
    compiled: PartialDate = None


class ReferenceIn(Record):
    meta: MetaIn | None = None
    sources: list[SourceIn]
    counts_over_time: list[CountIn] = []
    states: list[StateIn]
    organizations: list[OrganizationIn] = []
    organizations_notes: dict[str, CitedText] = {}
    bodies: list[BodyIn] = []
    chairmanships: list[ChairmanshipIn] = []
    chairmanship_rules: list[CitedText] = []
    secretariat: SecretariatIn | None = None
    conflicts: list[ConflictIn] = []
    meetings: MeetingsIn | None = None
    calendar: list[CalendarEntryIn] = []
    documents: list[DocumentIn] = []
    cbm: CbmIn | None = None
    # supplement.yaml beside the file, when there is one (loader.parse).
    supplement: SupplementIn | None = None
