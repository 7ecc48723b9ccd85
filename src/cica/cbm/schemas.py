"""The CBM API's shapes."""

import datetime as dt
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema

from cica.cbm import queries
from cica.cbm.models import Kind
from cica.core import limits
from cica.core.api import Code, Id, Key, NonBlank
from cica.core.dates import IsoDate
from cica.registry.schemas import UnknownEndsOut


class CoordinatorOut(UnknownEndsOut):
    state: str
    role: Literal["coordinator", "co_coordinator"]
    # "from" and "to" as precise as the sources: "2024", "2023-05", "2021-06-23"
    valid_from: str | None = Field(serialization_alias="from")
    valid_to: str | None = Field(serialization_alias="to")
    # The dates a source attests the role on, when that is all it gives: "attested on D", not
    # "from D".
    attested: list[str]
    basis: str
    decision: str | None = Field(description="the symbol of the decision that assigned the term")

    @staticmethod
    def resolve_attested(obj) -> list[str]:
        return [
            day.strip()
            for note in obj.notes
            if note.get("kind") == "attested"
            for day in note["text"].split(",")
        ]

    @staticmethod
    def resolve_state(obj) -> str:
        return obj.state.code

    @staticmethod
    def resolve_valid_from(obj) -> str | None:
        return obj.from_text or None

    @staticmethod
    def resolve_valid_to(obj) -> str | None:
        return obj.to_text or None

    @staticmethod
    def resolve_decision(obj) -> str | None:
        return (obj.decision.symbol or obj.decision.title) if obj.decision_id else None


class AreaOut(Schema):
    id: str
    name_en: str
    name_ru: str | None
    whole_dimension: bool
    coordinators: list[CoordinatorOut] = Field(
        description="the coordinator and co-coordinators on the date asked"
    )

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.key


class DimensionOut(Schema):
    id: str
    name_en: str
    name_ru: str | None
    areas: list[AreaOut]

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.key


class DimensionsOut(Schema):
    as_of: dt.date
    items: list[DimensionOut]


class MeasureOut(Schema):
    id: int
    catalogue: str
    number: str
    text_en: str
    text_ru: str | None

    @staticmethod
    def resolve_catalogue(obj) -> str:
        return obj.catalogue.key


class PlannedEventOut(Schema):
    id: int
    plan: int
    title: str
    kind: str
    host_state: str | None
    date: str | None

    @staticmethod
    def resolve_plan(obj) -> int:
        return obj.plan.year

    @staticmethod
    def resolve_host_state(obj) -> str | None:
        return obj.host_state.code if obj.host_state_id else None

    @staticmethod
    def resolve_date(obj) -> str | None:
        from cica.core.dates import format_partial_date

        return format_partial_date(obj.date, obj.date_precision) or None


class AreaDetailOut(AreaOut):
    dimension: str
    history: list[CoordinatorOut] = Field(description="every coordination term, oldest first")
    documents: list[str] = Field(description="concept papers and action plans (document ids)")
    measures: list[MeasureOut]
    planned_events: list[PlannedEventOut]
    activities: int = Field(description="activities recorded under the area")

    @staticmethod
    def resolve_activities(obj) -> int:
        return obj.activity_count

    notes: list[dict]
    sources: list[str]

    @staticmethod
    def resolve_dimension(obj) -> str:
        return obj.dimension.key

    @staticmethod
    def resolve_history(obj) -> list:
        return sorted(obj.coordinations.all(), key=queries.term_order)

    @staticmethod
    def resolve_documents(obj) -> list[str]:
        return [d.key for d in obj.documents.all()]

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [s.key for s in obj.sources.all()]


class ActivityFileOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse(
            "api:activity_file", kwargs={"activity_id": obj.activity_id, "file_id": obj.pk}
        )


class ActivityOut(Schema):
    id: int
    area: str
    dimension: str
    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date
    host_state: str
    participants: list[str]
    organizations: list[str]
    measures: list[int]
    planned_event: int | None
    summary: str
    files: list[ActivityFileOut]
    status: Literal["recorded", "validated", "returned"] = Field(
        description="recorded: awaiting the Secretariat's validation"
    )
    validation_note: str
    recorded_at: dt.datetime

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.area.key

    @staticmethod
    def resolve_dimension(obj) -> str:
        return obj.area.dimension.key

    @staticmethod
    def resolve_host_state(obj) -> str:
        return obj.host_state.code

    @staticmethod
    def resolve_participants(obj) -> list[str]:
        return [s.code for s in obj.participants_list]

    @staticmethod
    def resolve_organizations(obj) -> list[str]:
        return [o.code for o in obj.organizations.all()]

    @staticmethod
    def resolve_measures(obj) -> list[int]:
        return [m.pk for m in obj.measures.all()]

    @staticmethod
    def resolve_planned_event(obj) -> int | None:
        return obj.planned_event_id


class ActivityIn(Schema):
    area: Key = Field(description="a priority area's id, e.g. ict_security")
    title: NonBlank = Field(max_length=limits.TITLE)
    kind: Literal[tuple(Kind.values)]  # type: ignore[valid-type]
    start_date: IsoDate
    end_date: IsoDate | None = None
    host_state: str = Field(
        min_length=2,
        max_length=2,
        description="changed only by the host state's delegates or the Secretariat",
    )
    participants: list[Code] = Field([], max_length=250)
    organizations: list[Key] = Field([], max_length=100)
    measures: list[Id] = Field([], max_length=100)
    planned_event: int | None = None
    summary: str = Field("", max_length=limits.COMMENT)


class DecisionIn(Schema):
    note: str = Field("", max_length=limits.NOTE)


class ReturnIn(Schema):
    note: NonBlank = Field(max_length=limits.NOTE, description="what needs correcting")


class OfferIn(Schema):
    role: Literal["coordinator", "co_coordinator"] = "coordinator"
    note: str = Field("", max_length=limits.NOTE)


class OfferOut(Schema):
    id: int
    area: str
    state: str
    role: str
    status: str
    offered_at: dt.datetime

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.area.key

    @staticmethod
    def resolve_state(obj) -> str:
        return obj.state.code


# Not FiguresOut: the OpenAPI document names its schemas by class, and the registry's key
# figures have that name.
class ReviewFiguresOut(Schema):
    planned: int = Field(description="events the Plans of Implementation planned in the period")
    planned_held: int = Field(description="planned events held (a validated activity)")
    held: int = Field(description="activities held in the period, validated")
    awaiting: int = Field(description="activities recorded in the period, awaiting validation")


class AreaReviewOut(Schema):
    id: str
    dimension: str
    figures: ReviewFiguresOut
    coordinators: list[str]
    co_coordinators: list[str]
    last_activity: dt.date | None
    without_coordinator: bool
    quiet: bool = Field(description="no activity in the twelve months before the period's end")


class DimensionReviewOut(Schema):
    id: str
    figures: ReviewFiguresOut


class StateReviewOut(Schema):
    state: str
    coordinates: list[str]
    co_coordinates: list[str]
    hosted: int
    participated: int


class ReviewOut(Schema):
    valid_from: dt.date = Field(alias="from")
    valid_to: dt.date = Field(alias="to")
    total: ReviewFiguresOut
    dimensions: list[DimensionReviewOut]
    areas: list[AreaReviewOut]
    states: list[StateReviewOut]
    without_coordinator: list[str]
    quiet: list[str]


class PlanIn(Schema):
    year: int = Field(ge=1999, le=2200)
    adopted_on: IsoDate | None = None


class PlannedEventIn(Schema):
    area: Key
    title: NonBlank = Field(max_length=limits.TITLE)
    kind: Literal[tuple(Kind.values)] = "event"  # type: ignore[valid-type]
    host_state: str | None = Field(None, min_length=2, max_length=2)
    date: IsoDate = Field(description="the planned day (or first day)")


class PlannedEventHeldOut(PlannedEventOut):
    area: str
    held: bool = Field(description="a validated activity was held under it")

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.area.key

    @staticmethod
    def resolve_held(obj) -> bool:
        return any(a.status == "validated" for a in obj.activities.all())


class PlanOut(Schema):
    year: int
    adopted_on: dt.date | None
    document: str | None
    events: list[PlannedEventHeldOut]

    @staticmethod
    def resolve_document(obj) -> str | None:
        return obj.document.key if obj.document_id else None


class DocumentLinkIn(Schema):
    document: Key = Field(description="a document's id in the register")


class MeasureIn(Schema):
    catalogue: Key = Field(description="a version of the Catalogue, e.g. catalogue-2021")
    number: str = Field("", max_length=limits.NUMBER, description="e.g. 2.1.1")
    text_en: NonBlank = Field(max_length=limits.NOTE)
    text_ru: str = Field("", max_length=limits.NOTE)


class CoordinationIn(Schema):
    state: str = Field(min_length=2, max_length=2)
    role: Literal["coordinator", "co_coordinator"]
    basis: Literal["assigned", "volunteered", "attested"]
    valid_from: IsoDate | None = Field(None, alias="from")
    valid_to: IsoDate | None = Field(None, alias="to")
