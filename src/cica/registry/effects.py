"""What adopted decisions change in the registry (core.effects): admission of a member state,
observer status, a chairmanship term, the head of the Secretariat, the name of a body.

Registered by RegistryConfig.ready(); each applies through an action of registry.actions.
"""

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field

from cica.core import effects, limits
from cica.core.effects import EffectDate, Outcome, Params, lazy_text
from cica.core.errors import InvalidInput
from cica.registry import actions, rules
from cica.registry import queries as registry
from cica.registry.errors import UnknownState
from cica.registry.models import Body, MembershipStatus, Organization, State
from cica.registry.russian import russian

Status = MembershipStatus.Status

# The parameters several kinds share, named alike in every form and in the API: each kind's
# `Field(...)` adds its default and description.
_STATE = Field(title=lazy_text(gettext_lazy("State (ISO code)")), max_length=2)
StateCode = Annotated[str, _STATE]
OptionalStateCode = Annotated[str | None, _STATE]
TermFrom = Annotated[
    EffectDate,
    Field(
        title=lazy_text(gettext_lazy("Term from")),
        description=lazy_text(gettext_lazy("YYYY-MM-DD; the day of adoption if empty")),
    ),
]
TermTo = Annotated[
    EffectDate,
    Field(
        title=lazy_text(gettext_lazy("Term to")),
        description=lazy_text(gettext_lazy("YYYY-MM-DD, if known")),
    ),
]


# ---- lookups and checks other apps' effects share -------------------------------------------


def get_state(code, *, field: str = "effect.state") -> State:
    """The state of an effect's parameter; `unknown_state` naming `field` if there is none."""
    return registry.get_state_by_code(code, field=field, error=UnknownState)


def already(state: State, status: str) -> str:
    if status == Status.MEMBER:
        return _("%(state)s is already a member state.") % {"state": state.name}
    return _("%(state)s is already an observer.") % {"state": state.name}


def not_yet(state: State, today: dt.date, *statuses: str) -> State:
    """The state, unless it already holds one of `statuses` (InvalidInput naming the state)."""
    status = registry.status_on(state, today)
    if status in statuses:
        raise InvalidInput(already(state, status), field="effect.state")
    return state


def _already_note(party, status: str, on: dt.date) -> str:
    """Stored notes are data, kept in English like the reference data's notes."""
    key = "state" if isinstance(party, State) else "organization"
    if rules.compute_status(MembershipStatus.objects.filter(**{key: party}), on) == status:
        return "The registry already had this status on the date of adoption."
    return ""


# ---- admission of a member state ------------------------------------------------------------


class AdmitMemberParams(Params):
    state: StateCode = Field(description=lazy_text(gettext_lazy("the state admitted")))


def check_admit_member(params: AdmitMemberParams, *, today: dt.date) -> dict:
    return {"state": not_yet(get_state(params.state), today, Status.MEMBER).code}


def apply_admit_member(decision, params: dict, *, actor) -> Outcome:
    state, on = State.objects.get(code=params["state"]), decision.adopted_on
    # Membership is granted only after the candidate signs both founding documents
    # (inform-3990035, utv-2018): a decision adopted without them changes nothing.
    if missing := effects.missing_prerequisites("admit_member", state, on):
        return Outcome(
            note=f"Not applied: {state.name_en} had not signed "
            + "; ".join(step.title_en for step in missing)
            + f" by {on.isoformat()}. Membership is granted only after the candidate signs both "
            "founding documents (inform-3990035, utv-2018)."
        )
    if note := _already_note(state, Status.MEMBER, on):
        return Outcome(note=note)
    return Outcome(
        record=actions.admit_member(acting_user=actor, state=state, on=on, decision=decision)
    )


# ---- observer status ------------------------------------------------------------------------


class GrantObserverParams(Params):
    state: OptionalStateCode = Field(
        None, description=lazy_text(gettext_lazy("the state granted observer status"))
    )
    organization: str | None = Field(
        None,
        title=lazy_text(gettext_lazy("Organization (code)")),
        description=lazy_text(
            gettext_lazy("the organization granted observer status, instead of a state")
        ),
        max_length=40,
    )


def check_grant_observer(params: GrantObserverParams, *, today: dt.date) -> dict:
    if bool(params.state) == bool(params.organization):
        raise InvalidInput(_("Name either a state or an organization."), field="effect.state")
    if params.state:
        state = get_state(params.state)
        return {"state": not_yet(state, today, Status.MEMBER, Status.OBSERVER).code}
    organization = Organization.objects.filter(code__iexact=params.organization).first()
    if organization is None:
        raise InvalidInput(_("No such organization."), field="effect.organization")
    return {"organization": organization.code}


def apply_grant_observer(decision, params: dict, *, actor) -> Outcome:
    party = (
        State.objects.get(code=params["state"])
        if params.get("state")
        else Organization.objects.get(code=params["organization"])
    )
    on = decision.adopted_on
    if note := _already_note(party, Status.OBSERVER, on):
        return Outcome(note=note)
    record = actions.grant_observer_status(acting_user=actor, party=party, on=on, decision=decision)
    return Outcome(record=record)


# ---- a chairmanship term --------------------------------------------------------------------


class ApproveChairmanshipParams(Params):
    state: StateCode = Field(description=lazy_text(gettext_lazy("the state chairing")))
    from_: TermFrom = Field(None, alias="from")
    to: TermTo = None


def check_approve_chairmanship(params: ApproveChairmanshipParams, *, today: dt.date) -> dict:
    start, end = params.from_, params.to
    if start and end and end < start:
        raise InvalidInput(_("The term ends before it starts."), field="effect.to")
    return {
        "state": get_state(params.state).code,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
    }


def apply_approve_chairmanship(decision, params: dict, *, actor) -> Outcome:
    start = dt.date.fromisoformat(params["from"]) if params.get("from") else decision.adopted_on
    term = actions.approve_chairmanship(
        acting_user=actor,
        state=State.objects.get(code=params["state"]),
        valid_from=start,
        valid_to=dt.date.fromisoformat(params["to"]) if params.get("to") else None,
        decision=decision,
    )
    return Outcome(record=term)


# ---- the head of the Secretariat ------------------------------------------------------------


class AppointHeadParams(Params):
    person: str = Field(
        title=lazy_text(gettext_lazy("Person appointed")),
        description=lazy_text(gettext_lazy("the name, in English")),
        max_length=limits.NAME,
    )
    title: str | None = Field(
        "Secretary General",
        title=lazy_text(gettext_lazy("Title of the post")),
        description=lazy_text(gettext_lazy("in English; Secretary General if empty")),
        max_length=limits.NAME,
    )
    nationality: str | None = Field(
        None, title=lazy_text(gettext_lazy("Nationality (ISO code)")), max_length=2
    )


def check_appoint_head(params: AppointHeadParams, *, today: dt.date) -> dict:
    person = params.person.strip()
    if not person:
        raise InvalidInput(_("Name the person appointed."), field="effect.person")
    limits.check(person, limits.NAME, field="effect.person")
    title = (params.title or "").strip() or "Secretary General"
    nationality = params.nationality
    return {
        "person": person,
        "title": title,
        "nationality": get_state(nationality, field="effect.nationality").code
        if nationality
        else None,
    }


def apply_appoint_head(decision, params: dict, *, actor) -> Outcome:
    holder = actions.appoint_head(
        acting_user=actor,
        # The decision's text is English: the Russian forms follow when the data has them.
        person_en=params["person"],
        person_ru=russian(params["person"]),
        title_en=params["title"],
        title_ru=russian(params["title"]),
        nationality=State.objects.filter(code=params.get("nationality") or "").first(),
        on=decision.adopted_on,
        decision=decision,
    )
    return Outcome(record=holder)


# ---- the name of a body ---------------------------------------------------------------------


class RenameBodyParams(Params):
    body: str = Field(title=lazy_text(gettext_lazy("Body (id)")), max_length=60)
    name_en: str = Field(
        title=lazy_text(gettext_lazy("New name in English")), max_length=limits.NAME
    )
    name_ru: str | None = Field(
        "", title=lazy_text(gettext_lazy("New name in Russian")), max_length=limits.NAME
    )


def check_rename_body(params: RenameBodyParams, *, today: dt.date) -> dict:
    body = Body.objects.filter(key=params.body).first()
    if body is None:
        raise InvalidInput(_("No such body."), field="effect.body")
    name_en = params.name_en.strip()
    if not name_en:
        raise InvalidInput(_("Give the new name in English."), field="effect.name_en")
    return {"body": body.key, "name_en": name_en, "name_ru": params.name_ru or ""}


def apply_rename_body(decision, params: dict, *, actor) -> Outcome:
    name = actions.rename_body(
        acting_user=actor,
        body=Body.objects.get(key=params["body"]),
        name_en=params["name_en"],
        name_ru=params["name_ru"] or None,
        on=decision.adopted_on,
        decision=decision,
    )
    return Outcome(record=name)


def register() -> None:
    table: list[tuple[str, type[Params], Callable[..., dict], Callable[..., Outcome]]] = [
        ("admit_member", AdmitMemberParams, check_admit_member, apply_admit_member),
        ("grant_observer", GrantObserverParams, check_grant_observer, apply_grant_observer),
        (
            "approve_chairmanship",
            ApproveChairmanshipParams,
            check_approve_chairmanship,
            apply_approve_chairmanship,
        ),
        ("appoint_head", AppointHeadParams, check_appoint_head, apply_appoint_head),
        ("rename_body", RenameBodyParams, check_rename_body, apply_rename_body),
    ]
    for kind, params, check, apply in table:
        effects.register(effects.Effect(kind=kind, params=params, check=check, apply=apply))
