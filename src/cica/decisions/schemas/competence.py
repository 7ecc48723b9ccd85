"""The competence table (decisions.competence): its rules, steps, conditions and precedents."""

import datetime as dt

from ninja import Field, Schema


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
