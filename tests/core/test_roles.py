"""Who a user is: every predicate of core.roles for every kind of user, and the system."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from cica.accounts.models import User
from cica.core import audit, roles
from cica.core.roles import SYSTEM

STATE_ID = 7


def _cast() -> dict:
    return {
        "none": None,
        "anonymous": AnonymousUser(),
        "no role": User(username="no-role"),
        "secretariat": User(username="officer", role="secretariat"),
        "delegate": User(username="delegate", role="delegate", state_id=STATE_ID),
        "observer": User(username="observer", role="observer", state_id=STATE_ID + 1),
        "superuser": User(username="admin", is_superuser=True),
        "inactive secretariat": User(username="gone", role="secretariat", is_active=False),
        "inactive delegate": User(
            username="gone-d", role="delegate", state_id=STATE_ID, is_active=False
        ),
        "inactive superuser": User(username="gone-a", is_superuser=True, is_active=False),
        "system": SYSTEM,
    }


PREDICATES = (
    "is_system",
    "is_person",
    "is_actor",
    "is_secretariat",
    "is_secretariat_or_system",
    "is_delegate",
    "is_observer",
    "has_role",
)
# Per kind of user, the predicates that hold; every other one is False.
TRUE_OF = {
    "none": set(),
    "anonymous": set(),
    "no role": {"is_person", "is_actor"},
    "secretariat": {
        "is_person",
        "is_actor",
        "is_secretariat",
        "is_secretariat_or_system",
        "has_role",
    },
    "delegate": {"is_person", "is_actor", "is_delegate", "has_role"},
    "observer": {"is_person", "is_actor", "is_observer", "has_role"},
    "superuser": {
        "is_person",
        "is_actor",
        "is_secretariat",
        "is_secretariat_or_system",
        "has_role",
    },
    "inactive secretariat": set(),
    "inactive delegate": set(),
    "inactive superuser": set(),
    "system": {"is_system", "is_actor", "is_secretariat_or_system"},
}


@pytest.mark.parametrize("kind", TRUE_OF)
@pytest.mark.parametrize("name", PREDICATES)
def test_each_predicate_answers_a_bool_for_each_kind_of_user(kind, name):
    answer = getattr(roles, name)(_cast()[kind])

    assert answer is (name in TRUE_OF[kind])


@pytest.mark.parametrize("kind", TRUE_OF)
def test_only_a_delegate_speaks_for_its_state(kind):
    user = _cast()[kind]
    speaks = kind == "delegate"

    assert roles.speaks_for_state(user, STATE_ID) is speaks
    assert roles.speaks_for_state(user, STATE_ID + 1) is False
    assert roles.speaks_for_state(user, None) is False
    assert roles.delegate_state_id(user) == (STATE_ID if speaks else None)


def test_the_role_values_are_those_of_the_user_model():
    assert set(roles.ROLES) == set(User.Role.values)
    assert (roles.SECRETARIAT, roles.DELEGATE, roles.OBSERVER) == (
        User.Role.SECRETARIAT,
        User.Role.DELEGATE,
        User.Role.OBSERVER,
    )


def test_the_system_is_an_actor_with_no_account_and_no_state():
    assert SYSTEM.username == "system" and str(SYSTEM) == "system"
    assert SYSTEM.pk is None and SYSTEM.state_id is None and SYSTEM.organization_id is None
    assert SYSTEM.is_authenticated and SYSTEM.is_active and not SYSTEM.is_anonymous
    assert not SYSTEM.is_superuser and SYSTEM.role == ""
    assert roles.account_of(SYSTEM) is None


@pytest.mark.parametrize(
    ("kind", "stored"),
    [("none", False), ("anonymous", False), ("system", False), ("delegate", True)],
)
def test_the_account_stored_as_who_acted(kind, stored):
    user = _cast()[kind]

    assert roles.account_of(user) is (user if stored else None)


def test_an_account_deactivated_since_is_still_who_acted():
    user = _cast()["inactive delegate"]

    assert roles.account_of(user) is user


def test_the_system_is_audited_as_no_account_was_before_it_had_a_name(db):
    with transaction.atomic():
        entry = audit.record(actor=SYSTEM, action="test.step")

    assert (entry.actor_id, entry.actor_label) == (None, "system")
    assert audit.verify_chain().ok
