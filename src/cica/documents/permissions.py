"""Who may keep the documents register."""

from cica.core import roles


def can_manage_documents(user) -> bool:
    """The Secretariat keeps the documents register: entries, treaty actions, official texts
    (the system too, applying what a body adopted)."""
    return roles.is_secretariat_or_system(user)
