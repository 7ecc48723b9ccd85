"""The documents' section: documents, their signatures, ratifications and amendments."""

from pydantic import Field, field_validator

from cica.reference.schema.base import CitedText, PartialDate, Record, SourceIds, one_of


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

        return one_of(value, Document.Type)
