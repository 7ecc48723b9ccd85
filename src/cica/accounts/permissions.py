"""Who may do what with accounts."""


def can_manage_users(user) -> bool:
    """Secretariat officers manage accounts; `None` is the operator at the server's console."""
    return user is None or (user.is_active and (user.is_superuser or user.is_secretariat))


def can_edit_registry(user) -> bool:
    """The registry (protocol names, statuses) is kept by the Secretariat."""
    return user is None or (
        user.is_authenticated and user.is_active and (user.is_superuser or user.is_secretariat)
    )


def needs_two_factor(user) -> bool:
    """Who must sign in with a second factor: those who change the record or act for a state."""
    return user.is_superuser or user.role in ("secretariat", "delegate")
