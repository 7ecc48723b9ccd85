"""Admission as CICA admits, and observer status: the steps, what a draft needs before it goes
to a body, and where a state stands (DOMAIN.md section 9).

Membership: the state applies; the SOC approves the draft decision; the candidate signs the 1999
Declaration and the Almaty Act; the Summit or the Ministerial Council adopts the decision by
consensus (tdi-soc-2022, inform-3990035, utv-2018). Observer status: the state applies; the SOC
pre-approves; the Ministerial Council decides (astanatimes-2023-12-sa).

Decisions adopted here record their step themselves (their kind, their effect's state). For the
reference data a step is derived where the data allows: a status and its date, a founding
signature, and a historical decision naming the state, of the SOC in the year before the status
began, or of the Summit or the Ministers in the month it began. Anything else is "not recorded".

prerequisites: what a draft needs; workflow: where a state stands.
"""

from cica.decisions.admission._common import WORKFLOW_KINDS
from cica.decisions.admission.prerequisites import (
    check_draftable,
    check_signed,
    membership_application,
    missing_signatures,
    observer_application_on,
    soc_step,
)
from cica.decisions.admission.workflow import (
    SOC_STEP_WINDOW,
    STAGES,
    Step,
    Workflow,
    state_workflow,
)

__all__ = [
    "SOC_STEP_WINDOW",
    "STAGES",
    "WORKFLOW_KINDS",
    "Step",
    "Workflow",
    "check_draftable",
    "check_signed",
    "membership_application",
    "missing_signatures",
    "observer_application_on",
    "soc_step",
    "state_workflow",
]
