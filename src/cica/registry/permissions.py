"""Who may change the registry, and who speaks for a member state."""

from cica.core import clock, roles
from cica.registry import queries
from cica.registry.models import MembershipStatus


def can_edit_registry(user) -> bool:
    """The registry (protocol names, statuses) is kept by the Secretariat; the reference loader
    and the console write it as the system."""
    return roles.is_secretariat_or_system(user)


def can_rename_state(user, state) -> bool:
    """Protocol names are a policy matter: the Secretariat keeps them."""
    return can_edit_registry(user)


def is_member_delegate(user) -> bool:
    """A delegate of a state that is a member today: who speaks for a member state (an account
    outlives its state's membership)."""
    return (
        roles.is_delegate(user)
        and queries.status_on(user.state, clock.today()) == MembershipStatus.Status.MEMBER
    )
