"""The decisions API's shapes. Times are ISO 8601: UTC, and Astana time beside deadlines.

drafts, procedures (with the receipts of a delegation's acts), decisions, the public record,
the competence table, applications.
"""

from cica.decisions.schemas.applications import ApplicationIn, ApplicationOut
from cica.decisions.schemas.competence import (
    CompetenceOut,
    ConditionOut,
    PrecedentOut,
    RuleOut,
    StepOut,
)
from cica.decisions.schemas.decisions import DecisionOut, StatementIn, StatementOut
from cica.decisions.schemas.drafts import (
    DiffOut,
    DraftCreatedOut,
    DraftIn,
    DraftOut,
    ProcedureRefOut,
    VersionIn,
    VersionOut,
    VersionRefOut,
)
from cica.decisions.schemas.procedures import (
    BreakIn,
    BreakOut,
    CommentIn,
    CommentOut,
    ExtendIn,
    ExtensionOut,
    ObjectionIn,
    ObjectionOut,
    OutcomeIn,
    ProcedureIn,
    ProcedureOut,
)
from cica.decisions.schemas.receipts import ReceiptedOut, ReceiptOut, StateActOut
from cica.decisions.schemas.record import AuditEntryOut

__all__ = [
    "ApplicationIn",
    "ApplicationOut",
    "AuditEntryOut",
    "BreakIn",
    "BreakOut",
    "CommentIn",
    "CommentOut",
    "CompetenceOut",
    "ConditionOut",
    "DecisionOut",
    "DiffOut",
    "DraftCreatedOut",
    "DraftIn",
    "DraftOut",
    "ExtendIn",
    "ExtensionOut",
    "ObjectionIn",
    "ObjectionOut",
    "OutcomeIn",
    "PrecedentOut",
    "ProcedureIn",
    "ProcedureOut",
    "ProcedureRefOut",
    "ReceiptOut",
    "ReceiptedOut",
    "RuleOut",
    "StateActOut",
    "StatementIn",
    "StatementOut",
    "StepOut",
    "VersionIn",
    "VersionOut",
    "VersionRefOut",
]
