"""States and organizations: their statuses over time, names, chairmanships."""

from ninja import Field, Schema

from cica.core import limits
from cica.core.api import NonBlank
from cica.registry import extensions
from cica.registry.schemas.records import (
    CitedTextOut,
    DecisionRefOut,
    OnDateOut,
    PeriodOut,
    SourceOut,
    decision_of,
    source_ids,
)
from cica.registry.schemas.workflow import StateWorkflowOut


class StatusOut(PeriodOut):
    status: str
    basis: str
    note: str
    sources: list[str]
    decision: DecisionRefOut | None

    @staticmethod
    def resolve_decision(obj):
        return decision_of(obj)

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return source_ids(obj)


class StateOut(Schema):
    code: str
    name_en: str
    name_ru: str | None
    status: str | None
    # True when the status on the date is possible but not certain: Qatar, a member "from
    # 2014-05", on 2014-05-21.
    approximate: bool

    @staticmethod
    def resolve_status(obj) -> str | None:
        return obj.status_on_date


class OtherNameOut(Schema):
    language: str
    kind: str
    name: str


class ChairmanshipTermOut(PeriodOut, OnDateOut):
    state: str
    how: list[CitedTextOut]
    notes: list[CitedTextOut]
    conflicts: list[str]
    sources: list[str]
    decision: DecisionRefOut | None

    @staticmethod
    def resolve_decision(obj):
        return decision_of(obj)

    @staticmethod
    def resolve_state(obj) -> str:
        return obj.state.code

    @staticmethod
    def resolve_how(obj) -> list[dict]:
        return [note for note in obj.notes if note["kind"] == "how"]

    @staticmethod
    def resolve_notes(obj) -> list[dict]:
        return [note for note in obj.notes if note["kind"] != "how"]

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return source_ids(obj)


class StateDetailOut(StateOut):
    name_ru_basis: str
    other_names: list[OtherNameOut]
    status_history: list[StatusOut]
    chairmanships: list[ChairmanshipTermOut]
    notes: list[CitedTextOut]
    conflicts: list[str]
    sources: list[SourceOut]
    workflow: StateWorkflowOut = Field(
        description="where the state stands in admission and in observer status, step by step"
    )

    @staticmethod
    def resolve_workflow(obj):
        # Admission is the decisions app's; the registry only shows it.
        return extensions.state_workflow(obj)

    @staticmethod
    def resolve_status_history(obj):
        return list(obj.statuses.all())

    @staticmethod
    def resolve_chairmanships(obj):
        return list(obj.chairmanships.all())

    @staticmethod
    def resolve_sources(obj):
        return list(obj.sources.all())


class StateNamesIn(Schema):
    # Both names, as the action sets both: a null name_ru was a 500.
    name_en: NonBlank = Field(max_length=limits.NAME)
    name_ru: NonBlank = Field(max_length=limits.NAME)


class OrganizationOut(Schema):
    code: str
    name_en: str
    name_ru: str | None
    name_ru_basis: str
    status: str | None
    approximate: bool
    status_history: list[StatusOut]

    @staticmethod
    def resolve_status(obj) -> str | None:
        return obj.status_on_date

    @staticmethod
    def resolve_status_history(obj):
        return list(obj.statuses.all())
