"""The refusals that come first: an action makes them, and an API route before it reads its
input."""

from cica.cbm import errors, permissions
from cica.core.errors import SecretariatOnly


def require_secretariat(user) -> None:
    if not permissions.can_manage_cbm(user):
        raise SecretariatOnly()


def require_may_record(user) -> None:
    """The Secretariat or a delegate of a member state; checked before the input is read."""
    if not permissions.can_record_activities(user):
        raise errors.NotAMemberDelegate()


def require_may_offer(user) -> None:
    """A delegate of a member state."""
    if not permissions.can_offer_to_coordinate(user):
        raise errors.NotAMemberDelegate()
