"""A state's admission workflow, step by step."""

from ninja import Field, Schema


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
