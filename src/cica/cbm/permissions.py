"""Who may see and change what of the CBM activities."""

from django.db.models import Exists, OuterRef, Q

from cica.accounts.permissions import can_edit_registry
from cica.cbm.models import Activity


def _concerned_state_id(user) -> int | None:
    """The state a delegate speaks for: its activities concern it as host or participant."""
    if user is None or not (user.is_authenticated and user.is_active):
        return None
    return user.state_id if user.role == "delegate" else None


def concerned_activities_condition(user) -> Q:
    """The activities whose host or participant is the state the user's delegates speak for
    (none for anyone else)."""
    state_id = _concerned_state_id(user)
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
    if user is not None and user.is_authenticated and can_edit_registry(user):
        return Q()
    shown = ~Q(status=Activity.Status.RETURNED)
    if _concerned_state_id(user) is not None:
        shown |= concerned_activities_condition(user)
    return shown


def can_change_activity_host(user, activity: Activity) -> bool:
    """The host state's delegates hand their activity to another host, or the Secretariat does:
    a participant corrects the record but never makes itself (or another state) the host, which
    would take the activity from its host."""
    if user is not None and user.is_authenticated and can_edit_registry(user):
        return True
    return _concerned_state_id(user) == activity.host_state_id


def activity_audience(activity: Activity) -> list[str] | None:
    """The states whose delegates alone (with the Secretariat) may read what is written of the
    activity now, or None if it is public: a returned activity is its states' (the audit entry
    of its return, with the Secretariat's note, stays theirs after it is corrected)."""
    if activity.status != Activity.Status.RETURNED:
        return None
    return [activity.host_state.code, *(state.code for state in activity.participants.all())]
