"""The acts of a silence procedure once open: a member state breaks silence, the Chair extends
the deadline."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from cica.core import audit, clock, limits
from cica.core.errors import InvalidInput
from cica.decisions import errors, permissions, rules, tasks
from cica.decisions.actions._common import _check_open, _lock, _receipted, _require, _text
from cica.decisions.models import Extension, Procedure, SilenceBreak
from cica.registry import queries as registry


@transaction.atomic
def break_silence(
    *, acting_user, procedure: Procedure, reason: str, proposed_wording: str = ""
) -> SilenceBreak:
    """A member state breaks silence before the deadline: the procedure ends at once."""
    if procedure.kind != Procedure.Kind.SILENCE:
        raise errors.NotASilenceProcedure(field="procedure")
    _require(
        permissions.can_decide(acting_user, procedure),
        _("Only a delegate of an eligible member state may break silence."),
        errors.NotEligible,
    )
    reason = _text(reason, "reason", limits.COMMENT)
    proposed_wording = _text(proposed_wording, "proposed_wording", limits.COMMENT, required=False)
    procedure = _lock(procedure)
    assert procedure.deadline is not None, "a silence procedure has one (a constraint)"
    # The time is taken after the lock: whoever holds it first decides the race.
    now = clock.now()
    if not rules.can_break_silence(now, procedure.deadline):
        raise errors.DeadlinePassed(field="deadline", deadline=procedure.deadline.isoformat())
    _check_open(procedure, now)
    silence_break = SilenceBreak.objects.create(
        procedure=procedure,
        state=acting_user.state,
        user=acting_user,
        reason=reason,
        proposed_wording=proposed_wording,
        at=now,
    )
    entry = audit.record(
        actor=acting_user,
        action="decisions.break_silence",
        obj=procedure,
        payload={
            "state": acting_user.state.code,
            "reason": reason,
            "proposed_wording": silence_break.proposed_wording,
            "at": now.isoformat(),
        },
    )
    _receipted(silence_break, entry)
    tasks.notify_later(procedure, "broken")
    return silence_break


@transaction.atomic
def extend_deadline(
    *, acting_user, procedure: Procedure, deadline: dt.datetime, chair_instruction: str = ""
) -> Extension:
    """The Chair extends a running deadline; never shortens it.

    The silence procedure as specified: extending is the Chair's act. The Secretariat extends
    only acting for the Chair, naming the Chair's instruction, which the record keeps.
    """
    _require(
        permissions.can_extend(acting_user, procedure),
        _("Only the Chair extends a deadline, or the Secretariat acting for the Chair."),
    )
    acting_for_chair = not permissions.is_chair_delegate(acting_user)
    instruction = (
        _text(chair_instruction, "chair_instruction", limits.NOTE, required=False)
        if acting_for_chair
        else ""
    )
    chair = registry.current_chair(clock.today())
    if acting_for_chair and (not instruction or chair is None):
        raise errors.ChairInstructionRequired(field="chair_instruction")
    if procedure.kind != Procedure.Kind.SILENCE:
        raise errors.NotASilenceProcedure(
            _("Only a silence procedure has a deadline."), field="procedure"
        )
    if deadline.tzinfo is None:
        raise InvalidInput(_("Give the deadline with its time zone."), field="deadline")
    if not rules.is_within_the_calendar(deadline):
        raise InvalidInput(_("The deadline is too far in the future."), field="deadline")
    procedure = _lock(procedure)
    assert procedure.deadline is not None, "a silence procedure has one (a constraint)"
    now = clock.now()
    _check_open(procedure, now)
    if deadline <= procedure.deadline:
        raise errors.DeadlineShortened(field="deadline", deadline=procedure.deadline.isoformat())
    extension = Extension.objects.create(
        procedure=procedure,
        previous_deadline=procedure.deadline,
        new_deadline=deadline,
        user=acting_user,
        at=now,
        chair_state=chair.state if chair else None,
        acting_for_chair=acting_for_chair,
        chair_instruction=instruction,
    )
    procedure.deadline = deadline
    procedure.save(update_fields=["deadline"])
    audit.record(
        actor=acting_user,
        action="decisions.extend_deadline",
        obj=procedure,
        payload={
            "from": extension.previous_deadline.isoformat(),
            "to": deadline.isoformat(),
            "chair": chair.state.code if chair else None,
            "acting_for_chair": acting_for_chair,
            "chair_instruction": instruction,
        },
    )
    tasks.schedule_deadline(procedure)
    tasks.notify_later(procedure, "extended")
    return extension
