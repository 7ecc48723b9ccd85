"""What an adopted decision does to the registry, applied inside the adoption's transaction.

The decision is the authority for the change, so no user permission is checked here: the
action that recorded the adoption has checked it.
"""

import datetime as dt

from django.utils.translation import gettext as _

from cica.cbm import actions as cbm
from cica.cbm.models import Coordination, PriorityArea
from cica.core import audit, limits
from cica.core.errors import InvalidInput
from cica.decisions import admission
from cica.decisions.models import Decision, Draft
from cica.documents.models import Document
from cica.registry import queries as registry
from cica.registry import rules
from cica.registry.models import (
    Body,
    BodyName,
    Chairmanship,
    MembershipStatus,
    Organization,
    PostHolder,
    SecretariatPost,
    State,
)
from cica.registry.russian import russian

Kind = Draft.Kind
Status = MembershipStatus.Status

# The status a decision confers, and the open statuses it ends.
_STATUS_CHANGES = {
    Kind.ADMIT_MEMBER: (Status.MEMBER, [Status.OBSERVER, Status.OBSERVER_APPLICANT]),
    Kind.GRANT_OBSERVER: (Status.OBSERVER, [Status.OBSERVER_APPLICANT]),
}


def _state(code) -> State:
    state = State.objects.filter(code=str(code or "").upper()).first()
    if state is None:
        raise InvalidInput(_("No state with code %(code)s.") % {"code": code}, field="effect.state")
    return state


def _date(value, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(_("Not a date of the form YYYY-MM-DD."), field=field) from None


def check_effect(kind: str, effect: dict, today: dt.date) -> dict:
    """Validate and normalise an effect's parameters for its kind; InvalidInput names the field.

    The steps of admission and of observer status that must come first are checked too
    (admission.check_draftable): their absence is a Conflict naming `effect.state`.
    """
    params = _check_effect(kind, effect, today)
    admission.check_draftable(kind, params)
    return params


def _not_yet(state: State, today: dt.date, *statuses: str) -> State:
    """The state, unless it already holds one of `statuses` (InvalidInput naming the state)."""
    status = registry.status_on(state, today)
    if status in statuses:
        raise InvalidInput(already(state, status), field="effect.state")
    return state


def already(state: State, status: str) -> str:
    if status == Status.MEMBER:
        return _("%(state)s is already a member state.") % {"state": state.name}
    return _("%(state)s is already an observer.") % {"state": state.name}


def _check_effect(kind: str, effect: dict, today: dt.date) -> dict:
    if not isinstance(effect, dict):
        raise InvalidInput(_("The effect must be an object."), field="effect")
    if kind in (Kind.STATEMENT,):
        return {}
    if kind in (Kind.ADMIT_MEMBER, Kind.APPROVE_ADMISSION):
        return {"state": _not_yet(_state(effect.get("state")), today, Status.MEMBER).code}
    if kind == Kind.PREAPPROVE_OBSERVER:
        state = _state(effect.get("state"))
        return {"state": _not_yet(state, today, Status.MEMBER, Status.OBSERVER).code}
    if kind == Kind.GRANT_OBSERVER:
        if bool(effect.get("state")) == bool(effect.get("organization")):
            raise InvalidInput(_("Name either a state or an organization."), field="effect.state")
        if effect.get("state"):
            state = _state(effect["state"])
            return {"state": _not_yet(state, today, Status.MEMBER, Status.OBSERVER).code}
        organization = Organization.objects.filter(code__iexact=effect["organization"]).first()
        if organization is None:
            raise InvalidInput(_("No such organization."), field="effect.organization")
        return {"organization": organization.code}
    if kind == Kind.APPROVE_CHAIRMANSHIP:
        start = _date(effect.get("from"), "effect.from")
        end = _date(effect.get("to"), "effect.to")
        if start and end and end < start:
            raise InvalidInput(_("The term ends before it starts."), field="effect.to")
        return {
            "state": _state(effect.get("state")).code,
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
        }
    if kind == Kind.APPOINT_HEAD:
        person = str(effect.get("person") or "").strip()
        if not person:
            raise InvalidInput(_("Name the person appointed."), field="effect.person")
        limits.check(person, limits.NAME, field="effect.person")
        title = str(effect.get("title") or "Secretary General")
        limits.check(title, limits.NAME, field="effect.title")
        nationality = effect.get("nationality")
        return {
            "person": person,
            "title": title,
            "nationality": _state(nationality).code if nationality else None,
        }
    if kind == Kind.RENAME_BODY:
        body = Body.objects.filter(key=effect.get("body")).first()
        if body is None:
            raise InvalidInput(_("No such body."), field="effect.body")
        name_en = str(effect.get("name_en") or "").strip()
        if not name_en:
            raise InvalidInput(_("Give the new name in English."), field="effect.name_en")
        name_ru = str(effect.get("name_ru") or "")
        limits.check(name_en, limits.NAME, field="effect.name_en")
        limits.check(name_ru, limits.NAME, field="effect.name_ru")
        return {"body": body.key, "name_en": name_en, "name_ru": name_ru}
    if kind == Kind.ADOPT_DOCUMENT:
        document = str(effect.get("document") or "").strip()
        if not document:
            raise InvalidInput(_("Name the document adopted."), field="effect.document")
        if not Document.objects.filter(key=document).exists():
            raise InvalidInput(
                _("No document %(key)s in the register.") % {"key": document},
                field="effect.document",
            )
        return {"document": document}
    if kind == Kind.ASSIGN_COORDINATOR:
        area = PriorityArea.objects.filter(key=effect.get("area")).first()
        if area is None:
            raise InvalidInput(_("No such priority area."), field="effect.area")
        state = _state(effect.get("state"))
        role = effect.get("role") or "coordinator"
        if role not in Coordination.Role.values:
            raise InvalidInput(_("The role is coordinator or co_coordinator."), field="effect.role")
        start, end = _date(effect.get("from"), "effect.from"), _date(effect.get("to"), "effect.to")
        if start and end and end < start:
            raise InvalidInput(_("A term cannot end before it starts."), field="effect.to")
        return {
            "area": area.key,
            "state": state.code,
            "role": role,
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
        }
    raise InvalidInput(_("Unknown kind of draft."), field="kind")


def apply_effect(decision: Decision, *, actor) -> None:
    """Change the registry as the decision says, from its date of adoption; audited."""
    on, params = decision.adopted_on, decision.effect
    note = ""
    if decision.kind in (Kind.APPROVE_ADMISSION, Kind.PREAPPROVE_OBSERVER):
        # The decision itself is the record of the SOC's step (admission.soc_step).
        state = State.objects.get(code=params["state"])
        holds = registry.status_on(state, on)
        if holds == Status.MEMBER or (
            decision.kind == Kind.PREAPPROVE_OBSERVER and holds == Status.OBSERVER
        ):
            note = f"{state.name_en} already held the status {holds} on the date of adoption."
    elif decision.kind == Kind.ADMIT_MEMBER and (
        missing := admission.missing_signatures(State.objects.get(code=params["state"]), on)
    ):
        # Membership is granted only after the candidate signs both founding documents
        # (inform-3990035, utv-2018): a decision adopted without them changes nothing.
        note = (
            f"Not applied: {State.objects.get(code=params['state']).name_en} had not signed "
            + "; ".join(document.title_en for document in missing)
            + f" by {on.isoformat()}. Membership is granted only after the candidate signs both "
            "founding documents (inform-3990035, utv-2018)."
        )
    elif decision.kind in (Kind.ADMIT_MEMBER, Kind.GRANT_OBSERVER):
        party = (
            {"state": State.objects.get(code=params["state"])}
            if params.get("state")
            else {"organization": Organization.objects.get(code=params["organization"])}
        )
        status, ended = _STATUS_CHANGES[decision.kind]
        statuses = MembershipStatus.objects.filter(**party)
        if rules.compute_status(statuses, on) == status:
            # Stored notes are data, kept in English like the reference data's notes.
            note = "The registry already had this status on the date of adoption."
        else:
            # An observer admitted as a member is an observer no more from that day.
            statuses.filter(status__in=ended, valid_to__isnull=True).update(valid_to=on)
            decision.status_record = MembershipStatus.objects.create(
                **party,
                status=status,
                valid_from=on,
                basis=MembershipStatus.Basis.ADMISSION,
                note=f"by decision {decision.symbol}",
            )
    elif decision.kind == Kind.APPROVE_CHAIRMANSHIP:
        start = dt.date.fromisoformat(params["from"]) if params.get("from") else on
        end = dt.date.fromisoformat(params["to"]) if params.get("to") else None
        decision.chairmanship_record = Chairmanship.objects.create(
            state=State.objects.get(code=params["state"]), valid_from=start, valid_to=end
        )
    elif decision.kind == Kind.APPOINT_HEAD:
        post, _created = SecretariatPost.objects.get_or_create(kind=SecretariatPost.Kind.HEAD)
        PostHolder.objects.filter(post=post, valid_to__isnull=True, valid_from__lt=on).update(
            valid_to=on
        )
        decision.holder_record = PostHolder.objects.create(
            post=post,
            # The decision's text is English: the Russian forms follow when the data has them.
            person_en=params["person"],
            person_ru=russian(params["person"]),
            title_en=params["title"],
            title_ru=russian(params["title"]),
            nationality=State.objects.filter(code=params.get("nationality") or "").first(),
            valid_from=on,
        )
    elif decision.kind == Kind.RENAME_BODY:
        body = Body.objects.get(key=params["body"])
        BodyName.objects.filter(body=body, valid_to__isnull=True).update(valid_to=on)
        decision.body_name_record = BodyName.objects.create(
            body=body, name_en=params["name_en"], name_ru=params["name_ru"] or None, valid_from=on
        )
    elif decision.kind == Kind.ASSIGN_COORDINATOR:
        # The term starts on the day of adoption unless the decision says when.
        cbm.assign(
            area=PriorityArea.objects.get(key=params["area"]),
            state=State.objects.get(code=params["state"]),
            role=params["role"],
            valid_from=_date(params.get("from"), "effect.from") or on,
            valid_to=_date(params.get("to"), "effect.to"),
            decision=decision,
        )
    elif decision.kind == Kind.ADOPT_DOCUMENT:
        # The register's entry records the decision; a draft becomes adopted on that day.
        document = Document.objects.filter(key=params["document"]).first()
        if document is None:
            note = "The document is no longer in the register."
        else:
            document.decision = decision
            if document.status != Document.Status.ADOPTED:  # a draft, or unconfirmed
                document.status, document.date = Document.Status.ADOPTED, on
                document.date_precision = "day"
            document.body = document.body or decision.body
            document.save()
    if decision.kind == Kind.STATEMENT:
        decision.effect_status = Decision.EffectStatus.NONE
    elif note:
        decision.effect_status, decision.effect_note = Decision.EffectStatus.NOT_APPLICABLE, note
    else:
        decision.effect_status = Decision.EffectStatus.APPLIED
    decision.save()
    if decision.effect_status != Decision.EffectStatus.NONE:
        audit.record(
            actor=actor,
            action="decisions.apply_effect",
            obj=decision,
            payload={
                "symbol": decision.symbol,
                "kind": decision.kind,
                "effect": params,
                "result": decision.effect_status,
            },
        )
