"""Who may see and change what of the CBM activities."""

from django.db.models import Exists, OuterRef, Q

from cica.cbm.models import Activity, CoordinationOffer
from cica.core import roles
from cica.registry.permissions import is_member_delegate


def can_manage_cbm(user) -> bool:
    """The Secretariat keeps the CBM record: validates and returns activities, keeps the Plans
    of Implementation, the measures and the coordination terms known from sources (the system
    too, applying what the SOC adopted). Its corrections need no validation."""
    return roles.is_secretariat_or_system(user)


def can_record_activities(user) -> bool:
    """Who records activities at all: the Secretariat, or a delegate of a member state (a
    person: an activity names who recorded it)."""
    return roles.is_secretariat(user) or is_member_delegate(user)


def can_record_activity(user, host_state, participants) -> bool:
    """A delegate records (corrects, attaches files to) only an activity its own state hosts or
    takes part in; the Secretariat any."""
    if roles.is_secretariat(user):
        return True
    state_id = roles.delegate_state_id(user)
    concerned = state_id == host_state.pk or any(state_id == state.pk for state in participants)
    return concerned and is_member_delegate(user)


def can_change_validated_activity(user) -> bool:
    """A validated activity stays as the Secretariat validated it: it alone changes it."""
    return can_manage_cbm(user)


def can_offer_to_coordinate(user) -> bool:
    """A member state offers to coordinate, through its delegates."""
    return is_member_delegate(user)


def can_withdraw_offer(user, offer: CoordinationOffer) -> bool:
    """The offering state's delegates withdraw its offer."""
    return roles.speaks_for_state(user, offer.state_id) and is_member_delegate(user)


def concerned_activities_condition(user) -> Q:
    """The activities whose host or participant is the state the user's delegates speak for
    (none for anyone else)."""
    state_id = roles.delegate_state_id(user)
    if state_id is None:
        return Q(pk__in=[])
    joined = Activity.participants.through.objects.filter(
        activity=OuterRef("pk"), state_id=state_id
    )
    return Q(host_state_id=state_id) | Q(Exists(joined))


def visible_activities_condition(user) -> Q:
    """An activity returned for correction is between the Secretariat and the states it concerns
    (its host and its participants): to anyone else, the public included, it does not exist.
    Recorded and validated activities are public: the review counts them."""
    if roles.is_secretariat_or_system(user):
        return Q()
    shown = ~Q(status=Activity.Status.RETURNED)
    if roles.delegate_state_id(user) is not None:
        shown |= concerned_activities_condition(user)
    return shown


def can_change_activity_host(user, activity: Activity) -> bool:
    """The host state's delegates hand their activity to another host, or the Secretariat does:
    a participant corrects the record but never makes itself (or another state) the host, which
    would take the activity from its host."""
    return roles.is_secretariat_or_system(user) or roles.speaks_for_state(
        user, activity.host_state_id
    )


def activity_audience(activity: Activity) -> list[str] | None:
    """The states whose delegates alone (with the Secretariat) may read what is written of the
    activity now, or None if it is public: a returned activity is its states' (the audit entry
    of its return, with the Secretariat's note, stays theirs after it is corrected)."""
    if activity.status != Activity.Status.RETURNED:
        return None
    return [activity.host_state.code, *(state.code for state in activity.participants.all())]
