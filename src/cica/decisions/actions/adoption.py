"""Adoption: the decision numbered and its effect applied, exactly once; then the member states'
interpretative statements on it."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cica.core import audit, clock, limits, roles
from cica.decisions import effects, errors, permissions, rules, tasks
from cica.decisions.actions._common import Status, _receipted, _require, _text
from cica.decisions.models import Decision, InterpretativeStatement, Procedure
from cica.decisions.queries import list_due_unrecorded, status_of
from cica.registry.models import Body


@transaction.atomic
def record_adoption(*, procedure_id: int, acting_user) -> Decision | None:
    """Number the decision and apply its effect, exactly once, if the procedure is adopted.

    No permission is checked beyond who acts: adoption follows from the procedure's own rules,
    whoever records it (the worker at the deadline, as roles.SYSTEM, or the chair recording a
    meeting's outcome). Idempotent: a second worker recording the same adoption finds the first
    one's decision.
    """
    _require(
        roles.is_actor(acting_user),
        _("Only a signed-in user or the system records an adoption."),
    )
    procedure = Procedure.objects.select_for_update().get(pk=procedure_id)
    existing = Decision.objects.filter(procedure=procedure).first()
    if existing is not None:
        return existing
    if status_of(procedure) != Status.ADOPTED:
        return None
    # Numbering is per body and year: the body's row serialises it.
    body = Body.objects.select_for_update().get(pk=procedure.body_id)
    adopted_at = (
        procedure.deadline if procedure.kind == Procedure.Kind.SILENCE else procedure.outcome_at
    )
    assert adopted_at is not None, "recorded with the outcome that made the procedure adopted"
    adopted_on = adopted_at.astimezone(clock.ASTANA).date()
    last = Decision.objects.filter(
        body=body, historical=False, adopted_on__year=adopted_on.year
    ).aggregate(last=Max("number"))["last"]
    number = (last or 0) + 1
    version = procedure.version
    draft = version.draft
    decision = Decision.objects.create(
        procedure=procedure,
        version=version,
        body=body,
        number=number,
        symbol=rules.symbol(body.key, adopted_on.year, number),
        title=version.title,
        kind=draft.kind,
        effect=draft.effect,
        adopted_at=adopted_at,
        adopted_on=adopted_on,
        how_en=procedure.kind,
    )
    audit.record(
        actor=acting_user,
        action="decisions.adopt",
        obj=decision,
        payload={
            "symbol": decision.symbol,
            "procedure": procedure.pk,
            "version_hash": version.hash,
            "adopted_at": adopted_at.isoformat(),
        },
    )
    effects.apply_effect(decision, actor=acting_user)
    tasks.notify_later(procedure, "adopted")
    return decision


def settle_due_procedures() -> list[Decision]:
    """Record every adoption whose deadline has passed (`cica settle`; the worker does it too)."""
    due = list(list_due_unrecorded().values_list("pk", flat=True))
    decisions = [
        record_adoption(procedure_id=procedure_id, acting_user=roles.SYSTEM) for procedure_id in due
    ]
    return [decision for decision in decisions if decision is not None]


@transaction.atomic
def add_interpretative_statement(
    *, acting_user, decision: Decision, text: str
) -> InterpretativeStatement:
    """A member state's reading of an adopted decision; it blocks nothing."""
    _require(
        permissions.can_make_statement(acting_user, decision),
        _("Only a delegate of a member state may attach an interpretative statement."),
        errors.NotEligible,
    )
    text = _text(text, "text", limits.COMMENT)
    if decision.historical:
        raise errors.DecisionHistorical(field="decision")
    statement = InterpretativeStatement.objects.create(
        decision=decision, state=acting_user.state, user=acting_user, text=text, at=clock.now()
    )
    entry = audit.record(
        actor=acting_user,
        action="decisions.interpretative_statement",
        obj=decision,
        payload={"state": acting_user.state.code, "text": text},
    )
    _receipted(statement, entry)
    return statement
