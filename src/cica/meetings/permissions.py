"""Who may plan and record meetings."""

from cica.core import roles


def can_manage_meetings(user) -> bool:
    """The Secretariat plans and records meetings (the system too)."""
    return roles.is_secretariat_or_system(user)
