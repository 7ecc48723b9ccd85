"""The accounts of the authorization tests: one per role of docs/authorization.md, and owners.

State A and state B are member states that do not hold the Chairmanship on the suite's date;
the Chair is a delegate of the state that does (Azerbaijan on NOW).
"""

import datetime as dt

from cica.accounts import actions as accounts
from cica.accounts.models import User
from cica.core.roles import SYSTEM
from tests.conftest import with_two_factor

# The suite's "now": Azerbaijan chairs (2024-12-17 to 2026), Kuwait is a member.
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

STATE_A, STATE_B, CHAIR_STATE, OBSERVER_STATE = "KZ", "IN", "AZ", "JP"

ROLES = (
    "anonymous",
    "public",
    "delegate_a",
    "delegate_b",
    "observer",
    "chair",
    "secretariat",
    "admin",
)

PASSPHRASE = "a long authorization passphrase"


def make_user(role: str, username: str) -> User | None:
    """An account of `role` (None for the anonymous visitor); officers, delegates and admins
    have a TOTP authenticator, as the portal requires of them."""
    if role == "anonymous":
        return None
    if role == "public":
        # A signed-in account with no role: accounts may exist before the Secretariat gives
        # them one (the model allows a blank role, with no state or organization).
        return User.objects.create_user(username=username, password=PASSPHRASE)
    if role == "admin":
        return with_two_factor(
            User.objects.create_superuser(username=username, email="", password=PASSPHRASE)
        )
    if role == "observer":
        return accounts.create_user(
            acting_user=SYSTEM,
            username=username,
            role="observer",
            state_code=OBSERVER_STATE,
            password=PASSPHRASE,
        )
    if role == "secretariat":
        return with_two_factor(
            accounts.create_user(
                acting_user=SYSTEM, username=username, role="secretariat", password=PASSPHRASE
            )
        )
    code = {"delegate_a": STATE_A, "delegate_b": STATE_B, "chair": CHAIR_STATE}[role]
    return delegate_of(code, username)


def delegate_of(code: str, username: str) -> User:
    return with_two_factor(
        accounts.create_user(
            acting_user=SYSTEM,
            username=username,
            role="delegate",
            state_code=code,
            password=PASSPHRASE,
        )
    )
