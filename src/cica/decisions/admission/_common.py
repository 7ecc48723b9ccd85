"""What both halves of admission read: the kinds of decision of each workflow."""

from cica.decisions.models import Decision, Draft
from cica.registry.models import Application, MembershipStatus

Kind = Draft.Kind
Status = MembershipStatus.Status
APPLIED = Decision.EffectStatus.APPLIED

# The kinds of decision of each workflow: the SOC's step, then the decision itself. Keyed by
# an Application.Kind or its value.
WORKFLOW_KINDS: dict[str, tuple[Draft.Kind, Draft.Kind]] = {
    Application.Kind.MEMBERSHIP: (Kind.APPROVE_ADMISSION, Kind.ADMIT_MEMBER),
    Application.Kind.OBSERVER: (Kind.PREAPPROVE_OBSERVER, Kind.GRANT_OBSERVER),
}
