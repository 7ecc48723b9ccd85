"""The shape of the reference file's registry sections, checked before anything is written.

Sections no app reads yet (rules, gaps, ...) and unknown keys are passed over, so the dataset can
grow ahead of the code.
"""

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from cica.core.dates import Precision, parse_partial_date


def _partial_date(value: Any) -> tuple[dt.date, Precision] | None:
    if value is None:
        return None
    if isinstance(value, dt.date):  # an unquoted YAML date
        return value, Precision.DAY
    if isinstance(value, int):  # an unquoted year
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("a date must be a string YYYY, YYYY-MM or YYYY-MM-DD")
    return parse_partial_date(value)


def _listify(value: Any) -> Any:
    """Some fields (`how:`, `attested:`) hold a single item or a list."""
    return value if isinstance(value, list) or value is None else [value]


PartialDate = Annotated[tuple[dt.date, Precision] | None, BeforeValidator(_partial_date)]
SourceIds = Annotated[list[str], Field(default_factory=list)]
OneOrMoreTexts = Annotated[list["CitedText"], BeforeValidator(_listify)]
OneOrMoreStrings = Annotated[list[str], BeforeValidator(_listify)]


class Record(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    @model_validator(mode="after")
    def _period_ordered(self):
        start, end = getattr(self, "valid_from", None), getattr(self, "valid_to", None)
        if start and end and end[0] < start[0]:
            raise ValueError("'to' is earlier than 'from'")
        return self


class CitedText(Record):
    text: str
    sources: SourceIds


class SourceIn(Record):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    title: str
    url: str = ""
    file: str = ""
    date: str = ""
    date_approximate: bool = False


class CountIn(Record):
    as_of: PartialDate
    as_of_approximate: bool = False
    members: int | None = None
    observer_states: int | None = None
    observer_orgs: int | None = None
    observers_states_and_orgs: int | None = None
    note: str = ""
    sources: SourceIds


def _one_of(value: str, choices) -> str:
    if value not in choices.values:
        raise ValueError(f"{value!r} is not one of: {', '.join(choices.values)}")
    return value


class StatusIn(Record):
    status: str
    valid_from: PartialDate = Field(None, alias="from")
    valid_to: PartialDate = Field(None, alias="to")
    basis: str
    note: str = ""
    sources: SourceIds

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        from cica.registry.models import MembershipStatus

        return _one_of(value, MembershipStatus.Status)

    @field_validator("basis")
    @classmethod
    def _known_basis(cls, value: str) -> str:
        from cica.registry.models import MembershipStatus

        return _one_of(value, MembershipStatus.Basis)


class StateIn(Record):
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    name_en: str
    name_ru: str = ""
    name_ru_source: str = ""
    name_en_alt: str = ""
    name_en_official: str = ""
    name_ru_alt: str = ""
    current_status: str = ""
    status_history: list[StatusIn]
    notes: list[CitedText] = []
    conflicts: list[str] = []


class OrganizationIn(Record):
    id: str = Field(max_length=40)
    name_en: str
    name_ru: str = ""
    name_ru_source: str = ""
    status_history: list[StatusIn]
    rule_notes: list[CitedText] = []
    related: list[CitedText] = []


class BodyNameIn(Record):
    name_en: str
    name_ru: str = ""
    valid_from: PartialDate = Field(None, alias="from")
    valid_to: PartialDate = Field(None, alias="to")
    note: str = ""
    sources: SourceIds


class FrequencyIn(Record):
    value: str
    note: str = ""
    sources: SourceIds


class EstablishedIn(Record):
    date: PartialDate = None
    note: str = ""
    sources: SourceIds


class TitleIn(Record):
    title: str
    valid_from: PartialDate = Field(None, alias="from")
    valid_to: PartialDate = Field(None, alias="to")
    from_basis: str = ""
    sources: SourceIds


class PreparatoryMeetingIn(Record):
    date: PartialDate = None
    end_date: PartialDate = None
    city: str = ""
    kind: str
    participants: int | None = None
    sources: SourceIds


class BodyMeetingIn(Record):
    ordinal: int | None = None
    date: PartialDate = None
    end_date: PartialDate = None
    place: str = ""
    host: str = ""
    note: str = ""
    sources: SourceIds


class BodyIn(Record):
    id: str = Field(pattern=r"^[a-z0-9_]+$", max_length=60)
    kind: str
    names: list[BodyNameIn]
    role: CitedText | None = None
    composition: CitedText | None = None
    hosting_rule: CitedText | None = None
    informal_meetings: CitedText | None = None
    rules: CitedText | None = None
    typical_outputs: list[CitedText] = []
    frequency: list[FrequencyIn] = []
    established: EstablishedIn | None = None
    conflicts: list[str] = []
    head_title: list[TitleIn] = []
    deputy_title: list[TitleIn] = []
    meetings: list[BodyMeetingIn] = []

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        from cica.registry.models import Body

        return _one_of(value, Body.Kind)


class ChairmanshipIn(Record):
    state: str = Field(pattern=r"^[A-Z]{2}$")
    valid_from: PartialDate = Field(alias="from")
    valid_to: PartialDate = Field(None, alias="to")
    how: OneOrMoreTexts
    notes: list[CitedText] = []
    duties: CitedText | None = None
    priorities: CitedText | None = None
    conflicts: list[str] = []


class SeatIn(Record):
    city: str
    valid_from: PartialDate = Field(alias="from")
    valid_to: PartialDate = Field(None, alias="to")
    note: str = ""
    sources: SourceIds


class PremisesIn(Record):
    date: str
    event: str
    sources: SourceIds


class HolderIn(Record):
    name: str
    title: str
    nationality: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    nationality_basis: CitedText | None = None
    nationality_note: str = ""
    valid_from: PartialDate = Field(None, alias="from")
    valid_to: PartialDate = Field(None, alias="to")
    to_basis: str = ""
    attested: OneOrMoreStrings = []
    note: str = ""
    sources: SourceIds


class SecretariatIn(Record):
    seat_history: list[SeatIn]
    seat_conflicts: list[str] = []
    premises: list[PremisesIn] = []
    premises_conflicts: list[str] = []
    staffing_rules: list[CitedText] = []
    heads: list[HolderIn]
    deputies: list[HolderIn] = []
    budget_and_finance: list[CitedText] = []


class ConflictValueIn(Record):
    model_config = ConfigDict(extra="allow")

    value: Any
    sources: SourceIds


class ConflictIn(Record):
    topic: str
    values: list[ConflictValueIn]
    resolution: str = ""


class AttendanceIn(Record):
    text: str
    note: str = ""
    sources: SourceIds


OneOrMoreAttendances = Annotated[list[AttendanceIn], BeforeValidator(_listify)]


class MeetingIn(Record):
    ordinal: int | None = None
    status: str = ""
    date: PartialDate = None
    end_date: PartialDate = None
    date_range: str = ""
    city: str = ""
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    format: str = ""
    chair: Any = None
    theme: str = ""
    occasion: str = ""
    attendance: OneOrMoreAttendances = []
    decisions: list[CitedText] = []
    notes: list[CitedText] = []
    conflicts: list[str] = []


class OtherMeetingIn(Record):
    date: PartialDate = None
    end_date: PartialDate = None
    city: str = ""
    kind: str = ""
    body: str | None = None
    format: str = ""
    note: str = ""
    sources: SourceIds


class MeetingsIn(Record):
    summits: list[MeetingIn] = []
    pre_conference_meetings: list[PreparatoryMeetingIn] = []
    ministerials: list[MeetingIn] = []
    special_and_informal_ministerials: list[OtherMeetingIn] = []
    soc_swg_notable: list[OtherMeetingIn] = []


class CalendarEntryIn(Record):
    name: str
    month_day: str = Field("", pattern=r"^(\d{2}-\d{2})?$")
    period: str = ""
    date: str = ""
    recurring: str = ""
    note: str = ""
    sources: SourceIds


class TreatyActionIn(Record):
    state: str = Field(pattern=r"^[A-Z]{2}$")
    date: PartialDate = None
    place: str = ""
    act: str = ""
    note: str = ""
    sources: SourceIds


class AmendmentIn(Record):
    date: str = ""
    text: str
    sources: SourceIds


class DocumentIn(Record):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    title_en: str
    title_ru: str = ""
    type: str
    date: PartialDate = None
    place: str = ""
    body: str | None = None
    action: str = ""
    description: CitedText | None = None
    notes: list[CitedText] = []
    status_note: str = ""
    conflicts: list[str] = []
    later_signatures: list[TreatyActionIn] = []
    ratifications: list[TreatyActionIn] = []
    treaty_clauses: list[CitedText] = []
    amendments: list[AmendmentIn] = []
    sources: SourceIds

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        from cica.documents.models import Document

        return _one_of(value, Document.Type)


class CoordinatorIn(Record):
    state: str = Field(pattern=r"^[A-Z]{2}$")
    valid_from: PartialDate = Field(None, alias="from")
    # One or more dates ("2023-10 / 2024-03"), or words ("current s-cica page").
    attested: str = ""
    sources: SourceIds


class CoordinatorTermIn(Record):
    """One line of a coordinator history: a term (`period`), a start, or an attestation."""

    period: str = Field("", pattern=r"^(\d{4}-\d{4})?$")
    coordinator: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    co_coordinator: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    co_coordinators: list[str] = []
    valid_from: PartialDate = Field(None, alias="from")
    attested: str = ""
    decided: PartialDate = None
    body: str | None = None
    text: str = ""
    sources: SourceIds


class PriorityAreaIn(Record):
    id: str = Field(pattern=r"^[a-z0-9_]+$", max_length=60)
    name_en: str
    name_ru: str = ""
    note: str = ""
    coordinator: CoordinatorIn | None = None
    co_coordinators: list[CoordinatorIn] = []
    coordinator_history: list[CoordinatorTermIn] = []
    co_coordinator_additions: list[CoordinatorIn] = []
    documents: list[str] = []
    documents_note: str = ""
    introduced: dict | None = None
    sources: SourceIds


class DimensionIn(PriorityAreaIn):
    name_ru_source: str = ""
    priority_areas: list[PriorityAreaIn] = []
    measures_note: CitedText | None = None
    events: list[CitedText] = []
    priorities_text: CitedText | None = None
    cooperative_approach_priorities: CitedText | None = None
    priority_areas_source: CitedText | None = None


class CatalogueVersionIn(Record):
    id: str
    adopted: PartialDate = None
    body: str | None = None
    note: str = ""
    sources: SourceIds


class ProposedAreaIn(CitedText):
    name_en: str


class MetaIn(Record):
    compiled: PartialDate = None


class CbmIn(Record):
    catalogue_versions: list[CatalogueVersionIn] = []
    principles: list[CitedText] = []
    dimensions: list[DimensionIn] = []
    proposed_new_areas: list[ProposedAreaIn] = []
    implementation_cycle: list[dict] = []


class QuoteIn(Record):
    """A source's own words, and their Russian translation."""

    source: str
    en: str
    ru: str


class SupplementFactIn(Record):
    """A cited fact of supplement.yaml, in English and Russian."""

    key: str = Field(pattern=r"^[a-z0-9-]+$", max_length=50)
    date: str = ""
    en: str
    ru: str
    ru_basis: str = Field(pattern=r"^(translation|standard)$")
    see: str = ""
    quotes: list[QuoteIn] = []
    sources: SourceIds = Field(min_length=1)


class SupplementIn(Record):
    about: list[SupplementFactIn] = []


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
