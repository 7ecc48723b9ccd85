"""The CBM section: the Catalogue, its dimensions and priority areas, their coordinators."""

from pydantic import Field

from cica.reference.schema.base import CitedText, PartialDate, Record, SourceIds


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


class CbmIn(Record):
    catalogue_versions: list[CatalogueVersionIn] = []
    principles: list[CitedText] = []
    dimensions: list[DimensionIn] = []
    proposed_new_areas: list[ProposedAreaIn] = []
    implementation_cycle: list[dict] = []
