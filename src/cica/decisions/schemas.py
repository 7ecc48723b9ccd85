"""The decisions API's shapes. Times are ISO 8601: UTC, and Astana time beside deadlines."""

import datetime as dt
import json
from typing import Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from ninja import Field, Schema

from cica.core import clock, effects, limits
from cica.core.api import Code, Key, NonBlank
from cica.core.dates import IsoDate
from cica.decisions.models import Draft, Procedure
from cica.decisions.queries import LATEST_COMMENTS, status_of


class VersionOut(Schema):
    id: int
    number: int
    title: str
    text_en: str
    text_ru: str
    translation_pending: bool
    hash: str
    created_at: dt.datetime

    @staticmethod
    def resolve_translation_pending(obj) -> bool:
        return not obj.text_ru


class VersionRefOut(Schema):
    id: int
    number: int
    hash: str


def _effect_schemas(schema: dict) -> None:
    """The parameters of each kind's effect, from the schema its app registered (core.effects).

    Validated by the kind's effect when the draft is made, so a request keeps its shape
    (`{"kind": ..., "effect": {...}}`) and an error names `effect.<parameter>`.
    """
    kinds = []
    with translation.override("en"):
        for kind in Draft.Kind:
            params = effects.get(kind.value).params.model_json_schema(by_alias=True)
            params.update(title=kind.value, description=str(kind.label))
            kinds.append(params)
        # The labels are lazy translations: the document holds their English text.
        schema["anyOf"] = json.loads(json.dumps(kinds, cls=DjangoJSONEncoder))


class DraftIn(Schema):
    kind: Literal[tuple(Draft.Kind.values)]  # type: ignore[valid-type]
    title: NonBlank = Field(max_length=limits.TITLE)
    text_en: str = Field("", max_length=limits.TEXT)
    text_ru: str = Field("", max_length=limits.TEXT)
    effect: dict = Field(
        default_factory=dict,
        description=(
            "the parameters of the kind's effect: one of the objects below, the one titled by "
            "the draft's `kind`; members another kind names are ignored"
        ),
        json_schema_extra=_effect_schemas,
    )
    proposer: Literal[tuple(Draft.Proposer.values)] | None = None  # type: ignore[valid-type]


class VersionIn(Schema):
    title: NonBlank | None = Field(None, max_length=limits.TITLE)
    text_en: str = Field(max_length=limits.TEXT)
    text_ru: str = Field("", max_length=limits.TEXT)


class DraftCreatedOut(Schema):
    id: int
    version: VersionRefOut


class ProcedureRefOut(Schema):
    id: int
    kind: str
    body: str
    status: str

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.body.key

    @staticmethod
    def resolve_status(obj) -> str:
        return status_of(obj)


class DraftOut(Schema):
    id: int
    kind: str
    effect: dict
    proposer: str
    proposer_state: str | None
    created_at: dt.datetime
    versions: list[VersionOut]
    procedures: list[ProcedureRefOut]

    @staticmethod
    def resolve_proposer_state(obj) -> str | None:
        return obj.proposer_state.code if obj.proposer_state else None

    @staticmethod
    def resolve_versions(obj):
        return list(obj.versions.all())

    @staticmethod
    def resolve_procedures(obj):
        return [p for version in obj.versions.all() for p in version.procedures.all()]


class DiffOut(Schema):
    language: str
    from_version: int
    to_version: int
    diff: str


class ProcedureIn(Schema):
    version: int
    kind: Literal[tuple(Procedure.Kind.values)]  # type: ignore[valid-type]
    body: Key = Field(description="a body id: soc, ministerial, summit, swg, ...")
    deadline: dt.datetime | None = Field(
        None, description="silence: ISO 8601 with a time zone; default two weeks from now"
    )
    meeting_date: IsoDate | None = Field(None, description="meeting: the date; default today")


class ReceiptOut(Schema):
    recorded_at: dt.datetime
    entry: int | None
    hash: str

    @staticmethod
    def resolve_recorded_at(obj) -> dt.datetime:
        return obj.at

    @staticmethod
    def resolve_entry(obj) -> int | None:
        return obj.receipt_seq

    @staticmethod
    def resolve_hash(obj) -> str:
        return obj.receipt_hash


class ReceiptedOut(Schema):
    """An act a delegation can prove, with its receipt."""

    receipt: ReceiptOut

    @staticmethod
    def resolve_receipt(obj):
        return obj


class StateActOut(ReceiptedOut):
    """An act of a state's delegation."""

    state: str

    @staticmethod
    def resolve_state(obj) -> str:
        return obj.state.code


class BreakOut(StateActOut):
    by: str
    reason: str
    proposed_wording: str

    @staticmethod
    def resolve_by(obj) -> str:
        return obj.user.username


class CommentOut(ReceiptedOut):
    id: int
    by: str
    text: str

    @staticmethod
    def resolve_by(obj) -> str:
        return obj.user.username


class ObjectionOut(StateActOut):
    reason: str


class ExtensionOut(Schema):
    previous_deadline: dt.datetime
    new_deadline: dt.datetime
    at: dt.datetime
    by: str
    chair: str | None = Field(description="the state that held the Chairmanship")
    acting_for_chair: bool = Field(description="the Secretariat extended for the Chair")
    chair_instruction: str = Field(description="the Chair's instruction the Secretariat acted on")

    @staticmethod
    def resolve_by(obj) -> str:
        return obj.user.username

    @staticmethod
    def resolve_chair(obj) -> str | None:
        return obj.chair_state.code if obj.chair_state else None


class ProcedureOut(Schema):
    id: int
    kind: str
    status: str
    body: str
    version: VersionRefOut
    draft: int
    opened_at: dt.datetime
    opened_as: str
    deadline: dt.datetime | None
    deadline_astana: dt.datetime | None
    meeting_date: dt.date | None
    eligible_states: list[str]
    breaks: list[BreakOut]
    comments: list[CommentOut] = Field(
        description=(
            f"the latest {LATEST_COMMENTS} comments, oldest first: all of them, newest first, "
            "at /procedures/{id}/comments"
        )
    )
    comment_count: int = Field(description="how many comments the procedure has")
    extensions: list[ExtensionOut]
    objections: list[ObjectionOut]
    present_states: list[str]
    decision: str | None = Field(None, description="the symbol of the decision once recorded")

    @staticmethod
    def resolve_status(obj) -> str:
        return status_of(obj)

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.body.key

    @staticmethod
    def resolve_draft(obj) -> int:
        return obj.version.draft_id

    @staticmethod
    def resolve_deadline_astana(obj) -> dt.datetime | None:
        return obj.deadline.astimezone(clock.ASTANA) if obj.deadline else None

    @staticmethod
    def resolve_eligible_states(obj) -> list[str]:
        return obj.eligible_codes  # decisions.queries.with_state_codes

    @staticmethod
    def resolve_present_states(obj) -> list[str]:
        return obj.present_codes

    @staticmethod
    def resolve_breaks(obj) -> list:
        return [obj.silence_break] if hasattr(obj, "silence_break") else []

    @staticmethod
    def resolve_comments(obj) -> list:
        return obj.latest_comments[::-1]  # decisions.queries.with_discussion

    @staticmethod
    def resolve_extensions(obj) -> list:
        return list(obj.extensions.all())

    @staticmethod
    def resolve_objections(obj) -> list:
        return list(obj.objections.all())

    @staticmethod
    def resolve_decision(obj) -> str | None:
        return obj.decision.symbol if hasattr(obj, "decision") else None


class BreakIn(Schema):
    reason: NonBlank = Field(max_length=limits.COMMENT)
    proposed_wording: str = Field("", max_length=limits.COMMENT)


class CommentIn(Schema):
    text: NonBlank = Field(max_length=limits.COMMENT)


class ExtendIn(Schema):
    deadline: dt.datetime
    chair_instruction: str = Field(
        "",
        max_length=limits.NOTE,
        description=(
            "required of the Secretariat, which extends only for the Chair: the Chair's "
            "instruction, e.g. the reference and date of its note"
        ),
    )


class ObjectionIn(Schema):
    reason: str = Field("", max_length=limits.COMMENT)


class OutcomeIn(Schema):
    present: list[Code] = Field(
        max_length=250, description="ISO codes of the member states present"
    )
    objecting: list[Code] = Field(
        default_factory=list, max_length=250, description="ISO codes of objecting states"
    )


class StatementOut(StateActOut):
    text: str


class StatementIn(Schema):
    text: NonBlank = Field(max_length=limits.COMMENT)


class DecisionOut(Schema):
    id: int
    symbol: str | None
    title: str
    kind: str
    body: str | None
    adopted_on: str
    adopted_at: dt.datetime | None
    how: str
    how_ru: str | None
    historical: bool
    version_hash: str | None
    procedure: int | None
    effect: dict
    effect_status: str
    effect_note: str
    statements: list[StatementOut]
    sources: list[str]

    @staticmethod
    def resolve_how(obj) -> str:
        return obj.how_en or ""

    @staticmethod
    def resolve_body(obj) -> str | None:
        return obj.body.key if obj.body else None

    @staticmethod
    def resolve_adopted_on(obj) -> str:
        from cica.core.dates import format_partial_date

        return format_partial_date(obj.adopted_on, obj.adopted_on_precision)

    @staticmethod
    def resolve_version_hash(obj) -> str | None:
        return obj.version.hash if obj.version else None

    @staticmethod
    def resolve_procedure(obj) -> int | None:
        return obj.procedure_id

    @staticmethod
    def resolve_statements(obj) -> list:
        return list(obj.statements.all())

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.key for source in obj.sources.all()]


class AuditEntryOut(Schema):
    seq: int
    at: str = Field(
        description="the time, as hashed: ISO 8601 to the microsecond",
        json_schema_extra={"format": "date-time"},
    )
    actor: str = Field(
        description="the account's username (`system` for the server's own acts); empty if "
        "withheld from this reader, who may not know the account"
    )
    actor_role: str = Field(
        description="`secretariat`, `delegate`, `observer` or `system`; empty if the entry is "
        "withheld whole"
    )
    actor_party: str | None = Field(
        description="the code of the actor's state or organization, if it has one"
    )
    action: str
    object_type: str
    object_id: str = Field(description="empty if withheld from this reader")
    payload: dict = Field(description="empty if withheld from this reader")
    withheld: list[Literal["actor", "object_id", "payload"]] = Field(
        description="what this reader may not see of the entry; all three for an entry about "
        "what is another state's, now or when it was written"
    )
    redacted: bool = Field(
        description="something is withheld: the entry's hash cannot be recomputed from what is "
        "shown (the chain's links still can)"
    )
    prev_hash: str
    hash: str

    @staticmethod
    def resolve_at(obj) -> str:
        # JSON's encoder keeps milliseconds: the hash could not be recomputed.
        return obj.at.isoformat()

    @staticmethod
    def resolve_actor(obj) -> str:
        return obj.actor_shown


# ---- the competence table -------------------------------------------------------------------


class StepOut(Schema):
    by: str = Field(description="a body id, or `chairmanship` (the chairing state)")
    act: str = Field(description="approves, pre-approves, recommends, agrees or nominates")
    text: str
    recorded_as: str | None = Field(description="the kind of decision that records the step")
    enforced: bool
    valid_from: dt.date | None
    sources: list[str]


class ConditionOut(Schema):
    text: str
    enforced: bool
    sources: list[str]


class RuleOut(Schema):
    kind: str
    bodies: list[str] = Field(description="the bodies that adopt a decision of the kind")
    how: str
    valid_from: dt.date | None = Field(description="null: the sources do not date the rule")
    valid_to: dt.date | None
    in_force: bool = Field(description="in force on `as_of`")
    steps: list[StepOut]
    conditions: list[ConditionOut]
    note: str
    sources: list[str]


class PrecedentOut(Schema):
    kind: str
    body: str
    date: dt.date
    state: str
    text: str
    sources: list[str]


class CompetenceOut(Schema):
    as_of: dt.date
    rules: list[RuleOut]
    precedents: list[PrecedentOut] = Field(
        description="decisions reported that depart from the table: cited, never a power"
    )


# ---- applications and where a state stands ---------------------------------------------------


class ApplicationIn(Schema):
    kind: Literal["membership", "observer"]
    date: IsoDate
    note: str = Field("", max_length=limits.NOTE)
    sources: list[Key] = Field(
        default_factory=list, max_length=100, description="ids of the sources"
    )


class ApplicationOut(Schema):
    id: int
    state: str
    kind: str
    date: dt.date
    note: str
    sources: list[str]

    @staticmethod
    def resolve_state(obj) -> str:
        return obj.state.code

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.key for source in obj.sources.all()]
