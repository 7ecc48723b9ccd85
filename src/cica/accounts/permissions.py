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


def can_issue_api_token(acting_user, user) -> bool:
    """A token acts in its owner's name: each account makes its own (officers and delegates only
    after a recent code of their authenticator, which the action checks); the operator at the
    server's console (`None`) makes them for anyone."""
    return acting_user is None or (acting_user.is_active and acting_user == user)


def can_revoke_api_token(acting_user, token) -> bool:
    """The owner revokes a token, and so may the Secretariat (the operator too)."""
    return can_manage_users(acting_user) or (
        acting_user.is_active and acting_user.pk == token.user_id
    )
