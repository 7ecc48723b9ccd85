"""The registry's API shapes. Dates keep their precision: "2014", "2014-05", "2014-05-20"."""

from ninja import Field, Schema

from cica.core import limits
from cica.core.api import NonBlank
from cica.registry import extensions
from cica.registry.russian import basis_of


class SourceOut(Schema):
    id: str
    title: str
    url: str
    date: str

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.key


class CitedTextOut(Schema):
    kind: str
    text: str
    sources: list[str]


class UnknownEndsOut(Schema):
    """A null end is open ("present") unless `end_unknown`: no source gives it; a null start
    likewise unless `start_unknown` ("date unknown")."""

    start_unknown: bool
    end_unknown: bool

    @staticmethod
    def resolve_start_unknown(obj) -> bool:
        return obj.from_unknown

    @staticmethod
    def resolve_end_unknown(obj) -> bool:
        return obj.to_unknown


class PeriodOut(UnknownEndsOut):
    """A period as precise as its sources."""

    valid_from: str | None
    valid_to: str | None

    @staticmethod
    def resolve_valid_from(obj) -> str | None:
        return obj.from_text or None

    @staticmethod
    def resolve_valid_to(obj) -> str | None:
        return obj.to_text or None


class OnDateOut(Schema):
    # On the date asked: true when a boundary around that day is known only to its month or
    # year (or not at all), so the record may or may not hold that day.
    approximate: bool | None = None

    @staticmethod
    def resolve_approximate(obj) -> bool | None:
        return getattr(obj, "approximate", None)


def _source_ids(obj) -> list[str]:
    return [source.key for source in obj.sources.all()]


class DecisionRefOut(Schema):
    """The decision that made a registry change, for records made by an adopted decision."""

    id: int
    symbol: str | None


def _decision(obj):
    # The decision whose effect made the record (models.Decided); none for reference records.
    return getattr(obj, "decision", None)


class StatusOut(PeriodOut):
    status: str
    basis: str
    note: str
    sources: list[str]
    decision: DecisionRefOut | None

    @staticmethod
    def resolve_decision(obj):
        return _decision(obj)

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return _source_ids(obj)


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
        return _decision(obj)

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
        return _source_ids(obj)


# The shape of a state's admission workflow: the registry shows it, the decisions app reads it
# (registry.extensions).
class DecisionLinkOut(Schema):
    id: int
    symbol: str | None


class WorkflowStepOut(Schema):
    step: str = Field(
        description="application, soc_approval, soc_preapproval, signature, admission or grant"
    )
    status: str = Field(description="done, pending, not_recorded or exception")
    date: str | None = Field(description="as precise as its source: YYYY, YYYY-MM, YYYY-MM-DD")
    body: str | None
    decision: DecisionLinkOut | None
    document: str | None = Field(description="the founding document signed")
    basis: str | None
    note: str
    sources: list[str]

    @staticmethod
    def resolve_date(obj) -> str | None:
        return obj.date_text or None

    @staticmethod
    def resolve_body(obj) -> str | None:
        return obj.body or None

    @staticmethod
    def resolve_document(obj) -> str | None:
        return obj.document.key if obj.document else None

    @staticmethod
    def resolve_basis(obj) -> str | None:
        return obj.basis or None


class WorkflowOut(Schema):
    stage: str | None = Field(description="applicant, candidate or admitted")
    steps: list[WorkflowStepOut]

    @staticmethod
    def resolve_stage(obj) -> str | None:
        return obj.stage or None


class StateWorkflowOut(Schema):
    membership: WorkflowOut | None
    observer: WorkflowOut | None


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


class BodyNameOut(PeriodOut):
    name_en: str
    name_ru: str | None
    # Where the Russian name comes from: a source of the data, "standard" or "translation".
    name_ru_basis: str | None
    sources: list[str]
    decision: DecisionRefOut | None

    @staticmethod
    def resolve_name_ru_basis(obj) -> str | None:
        return basis_of(obj.name_en, obj.name_ru)

    @staticmethod
    def resolve_decision(obj):
        return _decision(obj)

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return _source_ids(obj)


class FrequencyOut(Schema):
    text: str
    note: str
    sources: list[str]

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return _source_ids(obj)


class BodyOut(Schema):
    id: str
    kind: str
    name_en: str | None
    name_ru: str | None
    established: str | None
    names: list[BodyNameOut]
    frequency: list[FrequencyOut]
    notes: list[CitedTextOut]
    conflicts: list[str]

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.key

    @staticmethod
    def resolve_name_en(obj) -> str | None:
        return obj.name_en_on_date

    @staticmethod
    def resolve_name_ru(obj) -> str | None:
        return obj.name_ru_on_date or None

    @staticmethod
    def resolve_established(obj) -> str | None:
        return obj.established_text or None

    @staticmethod
    def resolve_names(obj):
        return list(obj.names.all())

    @staticmethod
    def resolve_frequency(obj):
        return list(obj.frequencies.all())


class PostTitleOut(PeriodOut):
    title_en: str
    title_ru: str | None
    sources: list[str]

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return _source_ids(obj)


class PostHolderOut(PeriodOut, OnDateOut):
    person: str
    person_ru: str | None
    title: str
    title_ru: str | None
    # Where the Russian forms come from: "standard" (GLOSSARY-RU), "translation", "source".
    person_ru_basis: str | None
    nationality: str | None
    attested: list[str]
    note: str
    sources: list[str]
    decision: DecisionRefOut | None

    @staticmethod
    def resolve_decision(obj):
        return _decision(obj)

    @staticmethod
    def resolve_person(obj) -> str:
        return obj.person_en or obj.person

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title_en or obj.title

    @staticmethod
    def resolve_person_ru_basis(obj) -> str | None:
        return basis_of(obj.person_en, obj.person_ru)

    @staticmethod
    def resolve_nationality(obj) -> str | None:
        return obj.nationality.code if obj.nationality else None

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return _source_ids(obj)


class PostOut(Schema):
    post: str
    title: PostTitleOut | None
    holder: PostHolderOut | None

    @staticmethod
    def resolve_post(obj) -> str:
        return obj.kind

    @staticmethod
    def resolve_title(obj):
        return obj.titles_on_date[-1] if obj.titles_on_date else None


class SeatOut(PeriodOut, OnDateOut):
    city_en: str
    city_ru: str | None
    note: str
    sources: list[str]

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return _source_ids(obj)


class SecretariatOut(Schema):
    as_of: str
    seat: SeatOut | None
    posts: list[PostOut]


class FiguresOut(Schema):
    """Counts are the highest each can be on the date; `ranges` gives each as "low-high" (or
    one number when exact) and `approximate` says whether any figure is uncertain that day."""

    as_of: str
    members: int
    observer_states: int
    observer_organizations: int
    ranges: dict[str, str]
    chair: str | None
    chair_approximate: bool
    head_of_secretariat: str | None
    head_of_secretariat_approximate: bool
    approximate: bool


class ConflictOut(Schema):
    topic: str
    values: list[dict]
    resolution: str
