"""The documents API's shapes; dates keep their sources' precision."""

import datetime as dt
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema

from cica.core import limits
from cica.core.api import Key, NonBlank
from cica.core.dates import IsoDate
from cica.documents import queries
from cica.documents.models import Document, DocumentFile, TreatyAction


class DocumentOut(Schema):
    id: str
    type: str
    symbol: str
    status: Literal["draft", "unconfirmed", "adopted", "in_force", "superseded"] = Field(
        description="draft, unconfirmed (the sources do not confirm its adoption) and adopted as"
        " recorded; in_force (a treaty, from its computed entry into force) and superseded (by"
        " an adopted document) are derived"
    )
    title_en: str
    title_ru: str | None
    date: str | None
    place: str
    body: str | None
    sources: list[str]

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.key

    @staticmethod
    def resolve_status(obj) -> str:
        return queries.status_of(obj)

    @staticmethod
    def resolve_date(obj) -> str | None:
        return obj.date_text or None

    @staticmethod
    def resolve_body(obj) -> str | None:
        return obj.body.key if obj.body else None

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.key for source in obj.sources.all()]


class FileOut(Schema):
    id: int
    name: str
    language: str
    content_type: str
    size: int
    sha256: str
    url: str
    text_status: Literal[tuple(DocumentFile.TextStatus.values)] = Field(  # type: ignore[valid-type]
        description="pending: the worker is still reading the text of the PDF or DOCX for search;"
        " failed: it could not (text_failure says why)"
    )
    text_failure: Literal[tuple(DocumentFile.TextFailure.values)] | None  # type: ignore[valid-type]

    @staticmethod
    def resolve_text_failure(obj) -> str | None:
        return obj.text_failure or None

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("api:document_file", kwargs={"key": obj.document.key, "file_id": obj.pk})


class MeetingRefOut(Schema):
    id: int
    title: str
    start_date: dt.date

    @staticmethod
    def resolve_title(obj) -> str:
        return str(obj)


class DocumentDetailOut(DocumentOut):
    status_note: str | None = Field(
        description="what the sources say of its status: why it is a draft or unconfirmed"
    )
    text_en: str
    text_ru: str
    action: str
    meeting: MeetingRefOut | None
    decision: str | None = Field(description="the symbol of the decision that adopted it")
    amends: list[str]
    amended_by: list[str]
    supersedes: list[str]
    superseded_by: list[str]
    amendments: list[dict]
    files: list[FileOut]
    notes: list[dict]
    conflicts: list[str]

    @staticmethod
    def resolve_status_note(obj) -> str | None:
        return obj.status_note or None

    @staticmethod
    def resolve_text_ru(obj) -> str:
        return obj.text_ru or ""

    @staticmethod
    def resolve_text_en(obj) -> str:
        return obj.text_en or ""

    @staticmethod
    def resolve_decision(obj) -> str | None:
        return (obj.decision.symbol or obj.decision.title) if obj.decision else None

    @staticmethod
    def resolve_amends(obj) -> list[str]:
        return [d.key for d in obj.amends.all()]

    @staticmethod
    def resolve_amended_by(obj) -> list[str]:
        return [d.key for d in obj.amended_by.all()]

    @staticmethod
    def resolve_supersedes(obj) -> list[str]:
        return [d.key for d in obj.supersedes.all()]

    @staticmethod
    def resolve_superseded_by(obj) -> list[str]:
        return [d.key for d in obj.superseded_by.all()]


class DocumentFieldsIn(Schema):
    """What the Secretariat records about a document; omitted fields stay as they are, null
    clears one. A document always has a type, an English title and a status: those take no
    null."""

    # type, title_en and status: optional, never null (the document allowed a null the API
    # refused).
    type: Literal[tuple(Document.Type.values)] = None  # type: ignore[valid-type,assignment]
    symbol: str | None = Field(None, max_length=limits.LABEL)
    title_en: NonBlank = Field(None, max_length=limits.TITLE)  # type: ignore[assignment]
    title_ru: str | None = Field(None, max_length=limits.TITLE)
    text_en: str | None = Field(None, max_length=limits.TEXT)
    text_ru: str | None = Field(None, max_length=limits.TEXT)
    status: Literal["draft", "unconfirmed", "adopted"] = None  # type: ignore[assignment]
    date: IsoDate | None = None
    place: str | None = Field(None, max_length=limits.LABEL)
    body: Key | None = Field(None, description="a body's key, e.g. soc")
    meeting: int | None = Field(None, description="a meeting's id")
    amends: list[Key] | None = Field(
        None, max_length=100, description="keys of the documents it amends"
    )
    supersedes: list[Key] | None = Field(
        None, max_length=100, description="keys of the documents it supersedes"
    )


class DocumentIn(DocumentFieldsIn):
    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]{0,79}$", max_length=80, description="a lower-case slug"
    )
    type: Literal[tuple(Document.Type.values)]  # type: ignore[valid-type]
    title_en: NonBlank = Field(max_length=limits.TITLE)


class TreatyActionIn(Schema):
    state: str = Field(min_length=2, max_length=2, description="ISO 3166 alpha-2 code")
    kind: Literal[tuple(TreatyAction.Kind.values)]  # type: ignore[valid-type]
    date: IsoDate
    place: str = Field("", max_length=limits.LABEL)
    note: str = Field("", max_length=limits.NOTE)


class FileIn(Schema):
    language: Literal[tuple(DocumentFile.Language.values)]  # type: ignore[valid-type]


class SearchHitOut(Schema):
    document: DocumentOut
    title: str = Field(description="HTML: the title escaped, the words found in <mark>")
    snippet: str = Field(description="HTML: a passage around the words found, in <mark>")


class SearchOut(Schema):
    q: str
    lang: str
    count: int = Field(description="the matches ranked: all of them, unless `more`")
    more: bool = Field(description="more than 1,000 documents match: the newest 1,000 are ranked")
    page: int
    page_size: int
    items: list[SearchHitOut]


class TreatyActionOut(Schema):
    id: int
    kind: str
    date: str | None
    place: str
    basis: str
    note: str
    sources: list[str]
    counted: bool = Field(
        description="the act by which its state counts towards the entry into force: the first"
        " of the kind the treaty's clause names; the state's other acts do not count"
    )

    @staticmethod
    def resolve_date(obj) -> str | None:
        return obj.date_text or None

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.key for source in obj.sources.all()]


class StateActionsOut(Schema):
    state: str
    counted: bool = Field(description="the state counts towards the entry into force, once")
    counted_on: str | None = Field(
        description="the date of the act it counts by, as precise as the source gives it"
    )
    not_counted: Literal["not_a_signatory", "no_counted_act", "withdrawn"] | None = Field(
        description="why it does not count, under a clause of entry into force"
    )
    actions: list[TreatyActionOut]

    @staticmethod
    def resolve_state(obj) -> str:
        return obj["state"].code


class EntryIntoForceOut(Schema):
    in_force: bool = Field(description="in force today, for certain")
    in_force_on: dt.date | None = Field(
        description="the day it entered (or enters) into force, when known to the day"
    )
    earliest: dt.date | None = Field(
        description="the first day it can have entered into force; null: not reached"
    )
    latest: dt.date | None = Field(
        description="the last day it can have entered into force; later than earliest where a"
        " counted act is known only to the month or year"
    )
    approximate: bool
    signatories: int
    counted: int = Field(description="the states counted, each once")
    needed: int | None = Field(description="the states needed; null: the sources give no rule")
    counted_acts: list[str] = Field(description="the kinds of act the clause counts")
    rule: str | None


class TreatyStatusOut(Schema):
    document: str
    depositary: str | None
    provisional_application: bool
    entry_into_force: EntryIntoForceOut
    states: list[StateActionsOut]
