import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from cica.accounts import actions, tokens
from cica.accounts.errors import InvalidAccount
from cica.accounts.models import ApiToken, User
from cica.core.errors import PermissionDenied
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM


def test_a_delegate_belongs_to_a_member_state(db):
    user = actions.create_user(acting_user=SYSTEM, username="kz1", role="delegate", state_code="kz")

    assert (user.role, user.state.code, user.organization) == ("delegate", "KZ", None)
    assert not user.has_usable_password()
    entry = AuditEntry.objects.last()
    assert (entry.action, entry.payload["state"]) == ("accounts.create_user", "KZ")


def test_an_observer_may_belong_to_an_organization(db):
    user = actions.create_user(
        acting_user=SYSTEM, username="un1", role="observer", organization_code="UN"
    )

    assert user.organization.code == "UN"


@pytest.mark.parametrize(
    ("role", "state", "organization", "field"),
    [
        ("delegate", None, None, "state"),
        ("delegate", "KZ", "UN", "state"),
        ("delegate", "JP", None, "state"),  # an observer state has no delegates
        ("delegate", None, "UN", "organization"),
        ("observer", "KZ", None, "state"),  # a member state's people are delegates
        ("observer", None, "SCO", "organization"),  # an MoU partner, not an observer
        ("observer", "XX", None, "state"),
        ("secretariat", "KZ", None, "role"),
        ("emperor", None, None, "role"),
    ],
)
def test_an_account_needs_the_right_affiliation(db, role, state, organization, field):
    with pytest.raises(InvalidAccount) as raised:
        actions.create_user(
            acting_user=SYSTEM,
            username="x",
            role=role,
            state_code=state,
            organization_code=organization,
        )

    assert raised.value.field == field
    assert not User.objects.filter(username="x").exists()


def test_a_weak_password_is_refused(db):
    with pytest.raises(InvalidAccount) as raised:
        actions.create_user(acting_user=SYSTEM, username="x", role="secretariat", password="12345")

    assert raised.value.field == "password"


def test_only_the_secretariat_manages_accounts(db, delegate):
    with pytest.raises(PermissionDenied):
        actions.create_user(acting_user=delegate, username="x", role="secretariat")


def test_a_token_is_stored_only_as_its_digest(db, delegate):
    secret = actions.issue_api_token(acting_user=SYSTEM, user=delegate, name="t")

    stored = ApiToken.objects.get(user=delegate)
    assert stored.digest == tokens.digest(secret)
    assert secret not in {stored.digest, stored.prefix}
    assert secret.startswith(stored.prefix)


def test_user_add_prints_a_token_as_its_last_line_and_the_token_works(db, capsys):
    call_command("user", "add", "ana", "--role", "delegate", "--state", "IN", "--token")

    token = capsys.readouterr().out.strip().splitlines()[-1]
    response = Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json() == {
        "username": "ana",
        "role": "delegate",
        "state": "IN",
        "organization": None,
    }


def test_user_add_reports_the_field_at_fault(db):
    with pytest.raises(CommandError, match=r"^state: "):
        call_command("user", "add", "bob", "--role", "delegate", "--state", "JP")


def test_the_session_signs_in_to_the_api_too(db, delegate):
    client = Client()
    client.force_login(delegate)

    assert client.get("/api/v1/me").json()["username"] == "delegate"
