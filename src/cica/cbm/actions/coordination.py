"""Coordination of a priority area: a delegate's offer, its withdrawal, a term assigned by the
SOC's decision (its effect) or recorded by the Secretariat from a source."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from cica.cbm import errors, permissions
from cica.cbm.actions.guards import require_may_offer, require_secretariat
from cica.cbm.models import Coordination, CoordinationOffer, PriorityArea
from cica.core import audit, clock, limits
from cica.core.effects import require_authority
from cica.core.errors import InvalidInput, PermissionDenied, unique
from cica.registry.models import State


@transaction.atomic
def offer_to_coordinate(
    *, acting_user, area: PriorityArea, role: str, note: str = ""
) -> CoordinationOffer:
    """A member state's delegate offers that its state coordinate (or co-coordinate) the area."""
    require_may_offer(acting_user)
    state = acting_user.state
    if role not in Coordination.Role.values:
        raise InvalidInput(_("The role is coordinator or co_coordinator."), field="role")
    limits.check(note, limits.NOTE, field="note")
    if CoordinationOffer.objects.filter(
        area=area, state=state, role=role, status=CoordinationOffer.Status.OPEN
    ).exists():
        raise errors.OfferAlreadyOpen(field="role")
    with unique(errors.OfferAlreadyOpen(field="role")):
        offer = CoordinationOffer.objects.create(
            area=area,
            state=state,
            role=role,
            note=note,
            offered_at=clock.now(),
            offered_by=acting_user,
        )
    audit.record(
        actor=acting_user,
        action="cbm.offer_to_coordinate",
        obj=offer,
        payload={"area": area.key, "state": state.code, "role": role, "note": note},
    )
    return offer


@transaction.atomic
def withdraw_offer(*, acting_user, offer: CoordinationOffer) -> CoordinationOffer:
    require_may_offer(acting_user)
    if not permissions.can_withdraw_offer(acting_user, offer):
        raise PermissionDenied(_("Only a delegate of the offering state may withdraw it."))
    offer = CoordinationOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != CoordinationOffer.Status.OPEN:
        raise errors.OfferNotOpen(field="status")
    offer.status = CoordinationOffer.Status.WITHDRAWN
    offer.save(update_fields=["status"])
    audit.record(
        actor=acting_user, action="cbm.withdraw_offer", obj=offer, payload={"area": offer.area.key}
    )
    return offer


@transaction.atomic
def assign_coordinator(
    *,
    acting_user,
    area: PriorityArea,
    state: State,
    role: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    decision,
) -> Coordination:
    """A coordination term by the authority of an adopted decision (cbm.effects applies it);
    the state's open offer of that role for the area is then assigned."""
    require_authority(decision, "assign_coordinator")
    if role not in Coordination.Role.values:
        raise InvalidInput(_("The role is coordinator or co_coordinator."), field="role")
    if valid_to and valid_to < valid_from:
        raise InvalidInput(_("A term cannot end before it starts."), field="valid_to")
    coordination = Coordination.objects.create(
        area=area,
        state=state,
        role=role,
        basis=Coordination.Basis.ASSIGNED,
        valid_from=valid_from,
        valid_to=valid_to,
        decision=decision,
    )
    CoordinationOffer.objects.filter(
        area=area, state=state, role=role, status=CoordinationOffer.Status.OPEN
    ).update(status=CoordinationOffer.Status.ASSIGNED)
    audit.record(
        actor=acting_user,
        action="cbm.assign_coordinator",
        obj=coordination,
        payload={
            "area": area.key,
            "state": state.code,
            "role": role,
            "from": valid_from.isoformat(),
            "to": valid_to.isoformat() if valid_to else None,
        },
    )
    return coordination


@transaction.atomic
def record_coordination(
    *,
    acting_user,
    area: PriorityArea,
    state: State,
    role: str,
    basis: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None = None,
) -> Coordination:
    """The Secretariat records a term known from a source (not by a decision made here)."""
    require_secretariat(acting_user)
    if role not in Coordination.Role.values:
        raise InvalidInput(_("The role is coordinator or co_coordinator."), field="role")
    if basis not in Coordination.Basis.values:
        raise InvalidInput(_("Unknown basis."), field="basis")
    if valid_from and valid_to and valid_to < valid_from:
        raise InvalidInput(_("A term cannot end before it starts."), field="valid_to")
    coordination = Coordination.objects.create(
        area=area, state=state, role=role, basis=basis, valid_from=valid_from, valid_to=valid_to
    )
    audit.record(
        actor=acting_user,
        action="cbm.record_coordination",
        obj=coordination,
        payload={
            "area": area.key,
            "state": state.code,
            "role": role,
            "basis": basis,
            "valid_from": valid_from,
            "valid_to": valid_to,
        },
    )
    return coordination
