"""What an adopted decision does, applied inside the adoption's transaction.

Each kind's effect is registered by the app it changes (core.effects: registry, documents, cbm);
this module registers the kinds that change nothing outside decisions (a statement, the SOC's
steps of admission and observer status) and drives them all: it checks a draft's parameters,
applies the effect of an adopted decision, and records what came of it on the decision.

The decision is the authority for the change, so no user permission is checked here: the
action that recorded the adoption has checked it.
"""

import datetime as dt

from django.utils.translation import gettext_lazy
from ninja import Field

from cica.core import audit
from cica.core import effects as registered
from cica.core.effects import Effect, Outcome, Params, lazy_text
from cica.decisions import admission
from cica.decisions.models import Decision
from cica.registry import queries as registry
from cica.registry.effects import StateCode, already, get_state, not_yet
from cica.registry.models import MembershipStatus, State

__all__ = ["already", "apply_effect", "check_effect"]

Status = MembershipStatus.Status


def check_effect(kind: str, effect: dict, today: dt.date) -> dict:
    """Validate and normalise an effect's parameters for its kind; InvalidInput names the field.

    The steps of admission and of observer status that must come first are checked too
    (admission.check_draftable): their absence is a Conflict naming `effect.state`.
    """
    params = registered.validate(kind, effect, today=today)
    admission.check_draftable(kind, params)
    return params


def apply_effect(decision: Decision, *, actor) -> None:
    """Change the owning app as the decision says, from its date of adoption; audited."""
    effect = registered.get(decision.kind)
    if isinstance(decision.adopted_on, str):  # a decision created in memory, not read back
        decision.adopted_on = dt.date.fromisoformat(decision.adopted_on)
    outcome = effect.apply(decision, decision.effect, actor=actor) if effect.changes else None
    if outcome is None:
        decision.effect_status = Decision.EffectStatus.NONE
    elif outcome.note:
        decision.effect_status = Decision.EffectStatus.NOT_APPLICABLE
        decision.effect_note = outcome.note
    else:
        decision.effect_status = Decision.EffectStatus.APPLIED
        decision.effect_record = outcome.record
    decision.save()
    if decision.effect_status != Decision.EffectStatus.NONE:
        audit.record(
            actor=actor,
            action="decisions.apply_effect",
            obj=decision,
            payload={
                "symbol": decision.symbol,
                "kind": decision.kind,
                "effect": decision.effect,
                "result": decision.effect_status,
            },
        )


# ---- the kinds decisions owns ---------------------------------------------------------------


class StatementParams(Params):
    """A statement has no effect on the registry."""


class ApproveAdmissionParams(Params):
    state: StateCode = Field(description=lazy_text(gettext_lazy("the candidate for membership")))


class PreapproveObserverParams(Params):
    state: StateCode = Field(
        description=lazy_text(gettext_lazy("the applicant for observer status"))
    )


def _check_statement(params: StatementParams, *, today: dt.date) -> dict:
    return {}


def _soc_step(*statuses: str) -> tuple:
    """The check and the application of an SOC's step, for a state holding none of `statuses`.

    The decision itself is the record of the step (admission.soc_step): it changes no other
    record, and notes a status the state already held on the day of adoption.
    """

    def check(params, *, today: dt.date) -> dict:
        return {"state": not_yet(get_state(params.state), today, *statuses).code}

    def apply(decision: Decision, params: dict, *, actor) -> Outcome:
        state = State.objects.get(code=params["state"])
        holds = registry.status_on(state, decision.adopted_on)
        if holds in statuses:
            return Outcome(
                note=f"{state.name_en} already held the status {holds} on the date of adoption."
            )
        return Outcome()

    return check, apply


_APPROVAL = _soc_step(Status.MEMBER)
_PREAPPROVAL = _soc_step(Status.MEMBER, Status.OBSERVER)


def _unchanged(decision: Decision, params: dict, *, actor) -> Outcome:
    return Outcome()


def register() -> None:
    registered.register(
        Effect(
            kind="statement",
            params=StatementParams,
            check=_check_statement,
            apply=_unchanged,
            changes=False,
        )
    )
    check, apply = _APPROVAL
    registered.register(
        Effect(kind="approve_admission", params=ApproveAdmissionParams, check=check, apply=apply)
    )
    check, apply = _PREAPPROVAL
    registered.register(
        Effect(
            kind="preapprove_observer", params=PreapproveObserverParams, check=check, apply=apply
        )
    )
