"""The registry's sections: sources, states, organizations, bodies, chairs, the Secretariat."""

from typing import Any

from pydantic import ConfigDict, Field, field_validator

from cica.reference.schema.base import (
    CitedText,
    OneOrMoreStrings,
    OneOrMoreTexts,
    PartialDate,
    Record,
    SourceIds,
    one_of,
)


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

        return one_of(value, MembershipStatus.Status)

    @field_validator("basis")
    @classmethod
    def _known_basis(cls, value: str) -> str:
        from cica.registry.models import MembershipStatus

        return one_of(value, MembershipStatus.Basis)


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

        return one_of(value, Body.Kind)


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
