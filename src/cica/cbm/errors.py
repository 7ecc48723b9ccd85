"""Why the CBM Catalogue and its activities refuse a request: each reason a code."""

from django.utils.translation import gettext_lazy as _

from cica.core.errors import Conflict, PermissionDenied


class NotAMemberDelegate(PermissionDenied):
    code = "not_a_member_delegate"
    default_message = _("Only delegates of member states and the Secretariat may.")


class NotHostOrParticipant(PermissionDenied):
    code = "not_host_or_participant"
    default_message = _("A delegate records only activities its own state hosts or takes part in.")


class ActivityAlreadyInStatus(Conflict):
    code = "activity_already_in_status"
    default_message = _("The activity is already %(status)s.")


class ActivityValidated(Conflict):
    """A validated activity is the Secretariat's to correct or to add files to."""

    code = "activity_validated"
    default_message = _("A validated activity is corrected by the Secretariat.")


class OfferAlreadyOpen(Conflict):
    code = "offer_already_open"
    default_message = _("Your state has already offered this.")


class OfferNotOpen(Conflict):
    code = "offer_not_open"
    default_message = _("The offer is no longer open.")


class PlanAlreadyRecorded(Conflict):
    code = "plan_already_recorded"
    default_message = _("A plan for this year is recorded.")


class DocumentAlreadyLinked(Conflict):
    code = "document_already_linked"
    default_message = _("The document is already linked.")


class MeasureNumberTaken(Conflict):
    code = "measure_number_taken"
    default_message = _("This number is taken in this version.")
