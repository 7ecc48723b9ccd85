"""State changes of the registry: each checks permission, runs in a transaction and is audited."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from cica.core import audit, clock, limits
from cica.core.effects import require_authority
from cica.core.errors import InvalidInput, SecretariatOnly
from cica.registry import errors, rules
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
from cica.registry.permissions import can_rename_state


@transaction.atomic
def rename_state(*, acting_user, state: State, name_en: str, name_ru: str) -> State:
    """Set a state's protocol names; reloading the reference data keeps them from now on."""
    if not can_rename_state(acting_user, state):
        raise SecretariatOnly(_("Only the Secretariat edits the names of states."))
    names = {"name_en": name_en.strip(), "name_ru": name_ru.strip()}
    for field, value in names.items():
        if not value:
            raise InvalidInput(_("A name cannot be empty."), field=field)
        limits.check(value, limits.NAME, field=field)
    # Under the row's lock, "before" is the names this change replaces, however many at once.
    state = State.objects.select_for_update().get(pk=state.pk)
    before = {"name_en": state.name_en, "name_ru": state.name_ru}
    state.name_en, state.name_ru = names["name_en"], names["name_ru"]
    state.names_edited_at = clock.now()
    state.save(update_fields=["name", "name_en", "name_ru", "names_edited_at"])
    audit.record(
        actor=acting_user,
        action="registry.rename_state",
        obj=state,
        payload={"code": state.code, "before": before, "after": names},
    )
    return state


# ---- changes made by adopted decisions (cica.registry.effects) -------------------------------
# Each runs by the authority of the decision (core.effects.require_authority), not a user's
# permission: the action that recorded the adoption checked who may adopt. `acting_user` is the
# actor of the adoption, recorded in the audit entry.

Status = MembershipStatus.Status


def _decided_status(
    *,
    acting_user,
    action: str,
    party: State | Organization,
    status: str,
    ends: list[str],
    on: dt.date,
    decision,
) -> MembershipStatus:
    """The party holds `status` from `on`; its open statuses among `ends` end that day."""
    key = "state" if isinstance(party, State) else "organization"
    statuses = MembershipStatus.objects.filter(**{key: party})
    if rules.compute_status(statuses, on) == status:
        raise errors.StatusAlreadyRecorded(field=key)
    # An observer admitted as a member is an observer no more from that day.
    statuses.filter(status__in=ends, valid_to__isnull=True).update(valid_to=on)
    record = MembershipStatus.objects.create(
        **{key: party},
        status=status,
        valid_from=on,
        basis=MembershipStatus.Basis.ADMISSION,
        note=f"by decision {decision.symbol}",
    )
    audit.record(
        actor=acting_user,
        action=action,
        obj=record,
        payload={key: party.code, "status": status, "from": on.isoformat(), "ended": ends},
    )
    return record


@transaction.atomic
def admit_member(*, acting_user, state: State, on: dt.date, decision) -> MembershipStatus:
    """The state is a member from `on`, by the decision admitting it; as an observer or an
    applicant for observer status it is so no more."""
    require_authority(decision, "admit_member")
    return _decided_status(
        acting_user=acting_user,
        action="registry.admit_member",
        party=state,
        status=Status.MEMBER,
        ends=[Status.OBSERVER, Status.OBSERVER_APPLICANT],
        on=on,
        decision=decision,
    )


@transaction.atomic
def grant_observer_status(
    *, acting_user, party: State | Organization, on: dt.date, decision
) -> MembershipStatus:
    """The state or organization is an observer from `on`, by the decision granting it."""
    require_authority(decision, "grant_observer")
    return _decided_status(
        acting_user=acting_user,
        action="registry.grant_observer_status",
        party=party,
        status=Status.OBSERVER,
        ends=[Status.OBSERVER_APPLICANT],
        on=on,
        decision=decision,
    )


@transaction.atomic
def approve_chairmanship(
    *, acting_user, state: State, valid_from: dt.date, valid_to: dt.date | None, decision
) -> Chairmanship:
    require_authority(decision, "approve_chairmanship")
    if valid_to and valid_to < valid_from:
        raise InvalidInput(_("The term ends before it starts."), field="to")
    term = Chairmanship.objects.create(state=state, valid_from=valid_from, valid_to=valid_to)
    audit.record(
        actor=acting_user,
        action="registry.approve_chairmanship",
        obj=term,
        payload={
            "state": state.code,
            "from": valid_from.isoformat(),
            "to": valid_to.isoformat() if valid_to else None,
        },
    )
    return term


@transaction.atomic
def appoint_head(
    *,
    acting_user,
    person_en: str,
    person_ru: str | None,
    title_en: str,
    title_ru: str | None,
    nationality: State | None,
    on: dt.date,
    decision,
) -> PostHolder:
    """The head of the Secretariat from `on`; the holder before leaves office that day."""
    require_authority(decision, "appoint_head")
    post, _created = SecretariatPost.objects.get_or_create(kind=SecretariatPost.Kind.HEAD)
    PostHolder.objects.filter(post=post, valid_to__isnull=True, valid_from__lt=on).update(
        valid_to=on
    )
    holder = PostHolder.objects.create(
        post=post,
        person_en=person_en,
        person_ru=person_ru,
        title_en=title_en,
        title_ru=title_ru,
        nationality=nationality,
        valid_from=on,
    )
    audit.record(
        actor=acting_user,
        action="registry.appoint_head",
        obj=holder,
        payload={
            "person": person_en,
            "title": title_en,
            "nationality": nationality.code if nationality else None,
            "from": on.isoformat(),
        },
    )
    return holder


@transaction.atomic
def rename_body(
    *, acting_user, body: Body, name_en: str, name_ru: str | None, on: dt.date, decision
) -> BodyName:
    """The body's name from `on`; the name before ends that day."""
    require_authority(decision, "rename_body")
    BodyName.objects.filter(body=body, valid_to__isnull=True).update(valid_to=on)
    name = BodyName.objects.create(body=body, name_en=name_en, name_ru=name_ru, valid_from=on)
    audit.record(
        actor=acting_user,
        action="registry.rename_body",
        obj=name,
        payload={"body": body.key, "name_en": name_en, "name_ru": name_ru, "from": on.isoformat()},
    )
    return name
