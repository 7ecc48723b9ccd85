"""The acts of a procedure at a meeting: a delegation objects, the chair records the outcome."""

from django.db import transaction
from django.utils.translation import gettext as _

from cica.core import audit, clock, limits
from cica.core.errors import InvalidInput
from cica.decisions import errors, permissions, rules
from cica.decisions.actions._common import _check_open, _lock, _receipted, _require, _text
from cica.decisions.actions.adoption import record_adoption
from cica.decisions.models import Objection, Procedure
from cica.registry import queries as registry
from cica.registry.models import State


@transaction.atomic
def object_at_meeting(*, acting_user, procedure: Procedure, reason: str = "") -> Objection:
    """A member state's delegation objects to the version put to the meeting."""
    if procedure.kind != Procedure.Kind.MEETING:
        raise errors.NotAMeetingProcedure(field="procedure")
    _require(
        permissions.can_decide(acting_user, procedure),
        _("Only a delegate of a member state may object."),
        errors.NotEligible,
    )
    reason = _text(reason, "reason", limits.COMMENT, required=False)
    procedure = _lock(procedure)
    now = clock.now()
    _check_open(procedure, now)
    if procedure.objections.filter(state=acting_user.state).exists():
        raise errors.AlreadyObjected(field="procedure")
    objection = Objection.objects.create(
        procedure=procedure,
        state=acting_user.state,
        user=acting_user,
        reason=reason,
        at=now,
    )
    entry = audit.record(
        actor=acting_user,
        action="decisions.object",
        obj=procedure,
        payload={"state": acting_user.state.code, "reason": objection.reason},
    )
    _receipted(objection, entry)
    return objection


def _states(codes, field: str) -> list[State]:
    return registry.list_states_by_code(codes or [], field=field)


@transaction.atomic
def record_meeting_outcome(
    *, acting_user, procedure: Procedure, present: list[str], objecting: list[str] | None = None
) -> Procedure:
    """The chair records "adopted by consensus" or "not adopted" with the objecting states.

    Adoption needs the quorum: two thirds of the member states present (RoP Art. 1.2).
    """
    _require(
        permissions.can_record_outcome(acting_user, procedure),
        _("Only the Chair or the Secretariat records the outcome."),
    )
    if procedure.kind != Procedure.Kind.MEETING:
        raise errors.NotAMeetingProcedure(
            _("Only a meeting has an outcome to record."), field="procedure"
        )
    procedure = _lock(procedure)
    now = clock.now()
    _check_open(procedure, now)
    eligible = set(procedure.eligible_states.all())
    objectors = set(_states(objecting, "objecting")) | {
        objection.state for objection in procedure.objections.select_related("state")
    }
    # A delegation that objects is present.
    attending = set(_states(present, "present")) | objectors
    if not attending <= eligible:
        outsiders = ", ".join(sorted(state.code for state in attending - eligible))
        raise InvalidInput(
            _("Only member states take part in the decision: %(codes)s are not.")
            % {"codes": outsiders},
            field="present",
        )
    result = rules.meeting_outcome(
        members=len(eligible), present=len(attending), objecting=len(objectors)
    )
    if not result.outcome:
        raise errors.NoQuorum(
            field="present",
            present=len(attending),
            members=len(eligible),
            needed=rules.quorum(len(eligible)),
        )
    procedure.outcome, procedure.outcome_at = result.outcome, now
    procedure.save(update_fields=["outcome", "outcome_at"])
    procedure.present_states.set(attending)
    audit.record(
        actor=acting_user,
        action="decisions.record_meeting_outcome",
        obj=procedure,
        payload={
            "outcome": result.outcome,
            "present": sorted(state.code for state in attending),
            "objecting": sorted(state.code for state in objectors),
        },
    )
    if result.outcome == Procedure.Outcome.ADOPTED:
        record_adoption(procedure_id=procedure.pk, acting_user=acting_user)
    return procedure
