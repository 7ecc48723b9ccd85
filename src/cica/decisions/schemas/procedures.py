"""A procedure: opening one, the acts on it (a break, a comment, an extension, an objection, the
outcome) and the procedure as read. Times are UTC, with Astana time beside the deadline."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from cica.core import clock, limits
from cica.core.api import Code, Key, NonBlank
from cica.core.dates import IsoDate
from cica.decisions.models import Procedure
from cica.decisions.queries import LATEST_COMMENTS, status_of
from cica.decisions.schemas.drafts import VersionRefOut
from cica.decisions.schemas.receipts import ReceiptedOut, StateActOut


class ProcedureIn(Schema):
    version: int
    kind: Literal[tuple(Procedure.Kind.values)]  # type: ignore[valid-type]
    body: Key = Field(description="a body id: soc, ministerial, summit, swg, ...")
    deadline: dt.datetime | None = Field(
        None, description="silence: ISO 8601 with a time zone; default two weeks from now"
    )
    meeting_date: IsoDate | None = Field(None, description="meeting: the date; default today")


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
