"""Every change in decision-making: permission checked, one transaction, one audit entry each.

Acts a delegation may need to prove (a break, a comment, an objection, a statement) carry a
receipt: the time the server recorded them and the hash of their entry in the record.

drafts: a draft and its versions; procedures: putting a version to a body, a comment, a
withdrawal; silence and meetings: the acts of each kind of procedure; adoption: the decision
and its statements; applications: a state's application, the first step of admission.
"""

from cica.decisions.actions.adoption import (
    add_interpretative_statement,
    record_adoption,
    settle_due_procedures,
)
from cica.decisions.actions.applications import record_application
from cica.decisions.actions.drafts import add_version, create_draft
from cica.decisions.actions.meetings import object_at_meeting, record_meeting_outcome
from cica.decisions.actions.procedures import (
    comment,
    open_meeting_procedure,
    open_silence_procedure,
    withdraw_procedure,
)
from cica.decisions.actions.silence import break_silence, extend_deadline

__all__ = [
    "add_interpretative_statement",
    "add_version",
    "break_silence",
    "comment",
    "create_draft",
    "extend_deadline",
    "object_at_meeting",
    "open_meeting_procedure",
    "open_silence_procedure",
    "record_adoption",
    "record_application",
    "record_meeting_outcome",
    "settle_due_procedures",
    "withdraw_procedure",
]
