"""Who may do what with accounts."""

from cica.core import roles


def can_manage_users(user) -> bool:
    """Secretariat officers manage accounts, and so does the operator at the server's console
    (roles.SYSTEM)."""
    return roles.is_secretariat_or_system(user)


def can_change_account(acting_user, user) -> bool:
    """An account's language and password: its owner's, or the Secretariat's."""
    return can_manage_users(acting_user) or (
        roles.is_person(acting_user) and acting_user.pk == user.pk
    )


def needs_two_factor(user) -> bool:
    """Who must sign in with a second factor: those who change the record or act for a state."""
    return user.is_superuser or user.role in (roles.SECRETARIAT, roles.DELEGATE)


def can_issue_api_token(acting_user, user) -> bool:
    """A token acts in its owner's name: each account makes its own (officers and delegates only
    after a recent code of their authenticator, which the action checks); the operator at the
    server's console (roles.SYSTEM) makes them for anyone."""
    return roles.is_system(acting_user) or (
        roles.is_person(acting_user) and acting_user.pk == user.pk
    )


def can_revoke_api_token(acting_user, token) -> bool:
    """The owner revokes a token, and so may the Secretariat (the operator too)."""
    return can_manage_users(acting_user) or (
        roles.is_person(acting_user) and acting_user.pk == token.user_id
    )
