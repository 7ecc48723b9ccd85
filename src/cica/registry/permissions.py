"""Who may change the registry."""

from cica.accounts.permissions import can_edit_registry


def can_rename_state(user, state) -> bool:
    """Protocol names are a policy matter: the Secretariat keeps them."""
    return can_edit_registry(user)
