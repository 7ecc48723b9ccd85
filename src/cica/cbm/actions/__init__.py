"""Implementation of the CBMs: every change checked, in a transaction, audited.

Delegates of member states record their own state's activities (as host or participant) and
offer to coordinate; the Secretariat validates activities, keeps the Plans of Implementation and
records coordination terms (those the SOC assigns by decision are made by the decision's effect).
Observers read only.

guards: the refusals that come first; activities; coordination; plans; areas: a priority area's
documents and measures.
"""

from cica.cbm.actions.activities import (
    attach_activity_file,
    correct_activity,
    record_activity,
    return_activity,
    validate_activity,
)
from cica.cbm.actions.areas import add_measure, link_document
from cica.cbm.actions.coordination import (
    assign_coordinator,
    offer_to_coordinate,
    record_coordination,
    withdraw_offer,
)
from cica.cbm.actions.guards import require_may_offer, require_may_record, require_secretariat
from cica.cbm.actions.plans import plan_event, record_plan

__all__ = [
    "add_measure",
    "assign_coordinator",
    "attach_activity_file",
    "correct_activity",
    "link_document",
    "offer_to_coordinate",
    "plan_event",
    "record_activity",
    "record_coordination",
    "record_plan",
    "require_may_offer",
    "require_may_record",
    "require_secretariat",
    "return_activity",
    "validate_activity",
    "withdraw_offer",
]
