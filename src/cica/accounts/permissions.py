"""Who may do what with accounts."""


def can_manage_users(user) -> bool:
    """Secretariat officers manage accounts; `None` is the operator at the server's console."""
    return user is None or (user.is_active and (user.is_superuser or user.is_secretariat))


def can_edit_registry(user) -> bool:
    """The registry (protocol names, statuses) is kept by the Secretariat."""
    return user is None or (
        user.is_authenticated and user.is_active and (user.is_superuser or user.is_secretariat)
    )
