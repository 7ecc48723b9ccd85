"""Why the decision path refuses a request: each reason a code a client can switch on."""

from django.utils.translation import gettext_lazy as _

from cica.core.errors import Conflict, InvalidInput, PermissionDenied

# -- A draft and its versions -------------------------------------------------------------------


class EnglishTextPending(InvalidInput):
    code = "english_text_pending"
    default_message = _(
        "The English text is pending: a version cannot be put to a procedure without it."
    )


class VersionInProcedure(Conflict):
    """A draft is put to one procedure at a time, and not again once adopted."""

    code = "version_in_procedure"
    default_message = _("This draft is already %(status)s in procedure %(id)s.")


class NotCompetent(InvalidInput):
    """The body may not adopt a decision of this kind on that date (competence.RULES)."""

    code = "not_competent"
    default_message = _("No body adopts a decision of this kind (%(kind)s) on %(date)s.")


# -- A procedure ----------------------------------------------------------------------------------


class ProcedureNotOpen(Conflict):
    code = "procedure_not_open"
    default_message = _("The procedure is %(status)s.")


class SilenceBroken(ProcedureNotOpen):
    """The silence was broken already: the procedure ended then."""

    code = "silence_already_broken"


class DeadlinePassed(Conflict):
    # Rules of Procedure: silence is broken only before the deadline; after it the text stands.
    code = "deadline_passed"
    default_message = _("The deadline passed at %(deadline)s: the text is adopted.")


class NotASilenceProcedure(Conflict):
    code = "not_a_silence_procedure"
    default_message = _("This is not a silence procedure.")


class NotAMeetingProcedure(Conflict):
    code = "not_a_meeting_procedure"
    default_message = _("Objections are raised at a meeting.")


class AlreadyObjected(Conflict):
    code = "already_objected"
    default_message = _("Your state has already objected.")


class NoQuorum(Conflict):
    code = "no_quorum"
    default_message = _(
        "No quorum: %(present)s of %(members)s member states present, %(needed)s needed."
    )


class DeadlineShortened(InvalidInput):
    code = "deadline_shortened"
    default_message = _("A deadline can only be extended, never shortened: it is %(deadline)s.")


class NotEligible(PermissionDenied):
    """Only a delegate of a member state eligible in the procedure decides in it."""

    code = "not_eligible"
    default_message = _("Only a delegate of an eligible member state may break silence.")


class ChairInstructionRequired(PermissionDenied):
    code = "chair_instruction_required"
    default_message = _(
        "The Secretariat extends a deadline only for the Chair: give the Chair's "
        "instruction (its reference and date)."
    )


# -- A decision and the steps before it ---------------------------------------------------------


class DecisionHistorical(Conflict):
    code = "decision_historical"
    default_message = _("Statements are attached to decisions recorded here.")


class ApplicationRecorded(Conflict):
    code = "application_already_recorded"
    default_message = _("This application is already recorded.")


class StatusAlreadyHeld(InvalidInput):
    """The state already holds the status a draft or an application asks for."""

    code = "status_already_held"
    default_message = _("%(state)s is already a member state.")


# The steps of admission that come before a decision (admission.check_draftable).


class NoMembershipApplication(Conflict):
    code = "no_membership_application"
    default_message = _(
        "%(state)s has no application for membership on record: the Secretariat "
        "records it on the state's page first."
    )


class AdmissionNotApproved(Conflict):
    code = "admission_not_approved"
    default_message = _(
        "The SOC has not approved a draft decision on the admission of %(state)s: "
        "a decision of the SOC (approval of a draft decision on admission) comes "
        "first."
    )


class NoObserverApplication(Conflict):
    code = "no_observer_application"
    default_message = _(
        "%(state)s has no application for observer status on record: the Secretariat "
        "records it on the state's page first."
    )


class ObserverNotPreapproved(Conflict):
    code = "observer_not_preapproved"
    default_message = _(
        "The SOC has not pre-approved the application of %(state)s for observer status: "
        "a decision of the SOC (pre-approval) comes first."
    )


class FoundingDocumentsUnsigned(Conflict):
    code = "founding_documents_unsigned"
    default_message = _(
        "%(state)s has not signed %(documents)s: membership is granted only after the "
        "candidate signs both founding documents. Record its signatures first."
    )
