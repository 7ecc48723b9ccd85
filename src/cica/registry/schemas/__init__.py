"""The registry's API shapes. Dates keep their precision: "2014", "2014-05", "2014-05-20"."""

from cica.registry.schemas.bodies import BodyNameOut, BodyOut, FrequencyOut
from cica.registry.schemas.figures import FiguresOut
from cica.registry.schemas.records import (
    CitedTextOut,
    ConflictOut,
    DecisionRefOut,
    OnDateOut,
    PeriodOut,
    SourceOut,
    UnknownEndsOut,
    decision_of,
    source_ids,
)
from cica.registry.schemas.secretariat import (
    PostHolderOut,
    PostOut,
    PostTitleOut,
    SeatOut,
    SecretariatOut,
)
from cica.registry.schemas.states import (
    ChairmanshipTermOut,
    OrganizationOut,
    OtherNameOut,
    StateDetailOut,
    StateNamesIn,
    StateOut,
    StatusOut,
)
from cica.registry.schemas.workflow import (
    DecisionLinkOut,
    StateWorkflowOut,
    WorkflowOut,
    WorkflowStepOut,
)

__all__ = [
    "BodyNameOut",
    "BodyOut",
    "ChairmanshipTermOut",
    "CitedTextOut",
    "ConflictOut",
    "DecisionLinkOut",
    "DecisionRefOut",
    "FiguresOut",
    "FrequencyOut",
    "OnDateOut",
    "OrganizationOut",
    "OtherNameOut",
    "PeriodOut",
    "PostHolderOut",
    "PostOut",
    "PostTitleOut",
    "SeatOut",
    "SecretariatOut",
    "SourceOut",
    "StateDetailOut",
    "StateNamesIn",
    "StateOut",
    "StateWorkflowOut",
    "StatusOut",
    "UnknownEndsOut",
    "WorkflowOut",
    "WorkflowStepOut",
    "decision_of",
    "source_ids",
]
