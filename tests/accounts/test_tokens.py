"""API tokens have a name, expire, record their last use to the minute and can be revoked (on the
account's page and with `cica user token`); officers and delegates create one only just after a
code of their authenticator. An expired or revoked token gets 401 problem+json."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cica.accounts import actions
from cica.accounts.models import ApiToken
from cica.core import clock
from cica.core.errors import Conflict, PermissionDenied
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from tests.conftest import second_factor_step, totp_code

TOKENS = "/en/accounts/tokens/"
LOGIN = "/en/accounts/login/"
PROBLEM = "application/problem+json"


def _api(secret: str):
    return Client(headers={"Authorization": f"Bearer {secret}"}).get("/api/v1/me")


def _assert_refused(response, reason: str) -> None:
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    problem = response.json()
    assert problem["type"] == "urn:cica:error:unauthenticated"
    assert reason in problem["detail"]


def test_a_token_expires_after_its_days(db, observer):
    # given
    secret = actions.issue_api_token(acting_user=SYSTEM, user=observer, name="scripts", days=30)
    token = ApiToken.objects.get(user=observer)

    # when
    with time_machine.travel(clock.now() + dt.timedelta(days=30, seconds=-1)):
        before = _api(secret)
    with time_machine.travel(clock.now() + dt.timedelta(days=30, seconds=1)):
        after = _api(secret)

    # then
    assert token.expires_at - token.created_at == dt.timedelta(days=30)
    assert before.status_code == 200
    _assert_refused(after, "expired")


def test_a_token_lasts_the_default_days_unless_told(db, observer):
    actions.issue_api_token(acting_user=SYSTEM, user=observer, name="scripts")

    token = ApiToken.objects.get(user=observer)
    assert token.expires_at - token.created_at == dt.timedelta(days=settings.CICA_API_TOKEN_DAYS)
    assert token.name == "scripts"


@pytest.mark.parametrize(
    ("name", "days", "field"),
    [
        ("scripts", 0, "days"),
        ("scripts", settings.CICA_API_TOKEN_MAX_DAYS + 1, "days"),
        ("   ", 30, "name"),
        ("x" * 101, 30, "name"),
    ],
    ids=["no day", "beyond the maximum", "blank name", "long name"],
)
def test_a_token_beyond_the_limits_is_refused_naming_the_field(db, observer, name, days, field):
    with pytest.raises(actions.InvalidAccount) as refused:
        actions.issue_api_token(acting_user=SYSTEM, user=observer, name=name, days=days)

    assert refused.value.field == field
    assert not ApiToken.objects.exists()


def test_a_revoked_token_gets_401_at_once_and_both_acts_are_audited(db, observer):
    # given
    secret = actions.issue_api_token(acting_user=SYSTEM, user=observer, name="scripts")
    token = ApiToken.objects.get(user=observer)
    assert _api(secret).status_code == 200

    # when
    actions.revoke_api_token(acting_user=observer, token=token)

    # then
    _assert_refused(_api(secret), "revoked")
    issued, revoked = (
        AuditEntry.objects.filter(action__startswith="accounts.")
        .filter(action__in=["accounts.issue_api_token", "accounts.revoke_api_token"])
        .order_by("seq")
    )
    assert (issued.action, issued.payload["name"], issued.object_id) == (
        "accounts.issue_api_token",
        "scripts",
        str(token.pk),
    )
    assert (revoked.action, revoked.actor, revoked.object_id) == (
        "accounts.revoke_api_token",
        observer,
        str(token.pk),
    )
    with pytest.raises(Conflict):
        actions.revoke_api_token(acting_user=observer, token=token)


def test_the_last_use_is_written_at_most_once_a_minute(db, observer):
    # given
    secret = actions.issue_api_token(acting_user=SYSTEM, user=observer, name="scripts")
    start = clock.now()

    # when
    with time_machine.travel(start, tick=False):
        _api(secret)
        first = ApiToken.objects.get().last_used_at
        with CaptureQueriesContext(connection) as again:
            _api(secret)
        # Read now: the next request empties the log of queries.
        writes_again = [query for query in again if query["sql"].startswith("UPDATE")]
    with time_machine.travel(start + dt.timedelta(seconds=59), tick=False):
        _api(secret)
        within_the_minute = ApiToken.objects.get().last_used_at
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        _api(secret)
        after_a_minute = ApiToken.objects.get().last_used_at

    # then
    assert first == start
    assert writes_again == []
    assert within_the_minute == start
    assert after_a_minute == start + dt.timedelta(seconds=61)


@pytest.mark.parametrize("fixture", ["delegate", "secretariat_officer"])
def test_officers_and_delegates_need_a_recent_code_to_create_a_token(request, fixture):
    # given
    user = request.getfixturevalue(fixture)
    now = clock.now()
    timeout = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT

    # when
    with pytest.raises(PermissionDenied):
        actions.issue_api_token(acting_user=user, user=user, name="no code")
    with pytest.raises(PermissionDenied):
        actions.issue_api_token(
            acting_user=user,
            user=user,
            name="an old code",
            second_factor_at=now - dt.timedelta(seconds=timeout + 1),
        )
    actions.issue_api_token(
        acting_user=user,
        user=user,
        name="a recent code",
        second_factor_at=now - dt.timedelta(seconds=timeout - 10),
    )

    # then
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["a recent code"]


def test_an_observer_creates_a_token_without_a_second_factor(db, observer):
    actions.issue_api_token(acting_user=observer, user=observer, name="feeds")

    assert ApiToken.objects.get().user == observer


def test_no_one_creates_a_token_for_another_account(db, secretariat_officer, delegate):
    with pytest.raises(PermissionDenied):
        actions.issue_api_token(
            acting_user=secretariat_officer,
            user=delegate,
            name="in another's name",
            second_factor_at=clock.now(),
        )
    assert not ApiToken.objects.exists()


def test_a_delegate_revokes_only_its_own_tokens_the_secretariat_any(
    db, delegate, observer, secretariat_officer
):
    # given
    actions.issue_api_token(acting_user=SYSTEM, user=observer, name="feeds")
    token = ApiToken.objects.get()

    # when
    with pytest.raises(PermissionDenied):
        actions.revoke_api_token(acting_user=delegate, token=token)
    actions.revoke_api_token(acting_user=secretariat_officer, token=token)

    # then
    token.refresh_from_db()
    assert token.revoked_at is not None


# ---- the account's page, as a person uses it ---------------------------------------------------


def _create_on_the_page(client: Client, name: str = "my script", days: int = 30):
    return client.post(TOKENS, {"name": name, "days": days})


def _secret_on(page) -> str:
    return re.search(r"<code data-token>(cica_[^<]+)</code>", page.content.decode()).group(1)


def test_a_delegate_creates_uses_and_revokes_a_token_on_the_page(db, delegate):
    # given: signed in, then a code from the authenticator again
    client = Client()
    client.force_login(delegate)
    asked = client.get(TOKENS)
    second_factor_step(client, delegate)

    # when
    created = _create_on_the_page(client)
    secret = _secret_on(created)
    used = _api(secret)
    listed = client.get(TOKENS)
    token = ApiToken.objects.get(user=delegate)
    revoked = client.post(f"{TOKENS}{token.pk}/revoke/")

    # then
    assert "Confirm with your authenticator" in asked.content.decode()
    assert created.status_code == 201
    assert used.status_code == 200
    assert "my script" in listed.content.decode()
    assert secret not in listed.content.decode()  # shown once
    assert (revoked.status_code, revoked["Location"]) == (302, TOKENS)
    _assert_refused(_api(secret), "revoked")


def test_the_page_refuses_a_token_without_a_recent_code(db, delegate):
    # given
    client = Client()
    client.force_login(delegate)

    # when
    refused = _create_on_the_page(client)

    # then
    assert refused.status_code == 403
    assert "Confirm with a code from your authenticator first" in refused.content.decode()
    assert not ApiToken.objects.exists()
    assert AuditEntry.objects.filter(action="authorization.denied", actor=delegate).exists()


def test_a_code_at_sign_in_counts_for_a_few_minutes(db, delegate):
    # given: a sign-in with the password, then the code
    client = Client()
    client.post(LOGIN, {"login": "delegate", "password": "a long delegate passphrase"})
    client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(delegate.totp_secret)})
    timeout = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT

    # when
    with time_machine.travel(clock.now() + dt.timedelta(seconds=timeout - 30)):
        soon = _create_on_the_page(client, name="soon")
    with time_machine.travel(clock.now() + dt.timedelta(seconds=timeout + 30)):
        later = _create_on_the_page(client, name="later")

    # then
    assert soon.status_code == 201
    assert later.status_code == 403
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["soon"]


def test_another_accounts_token_cannot_be_revoked_on_the_page(db, delegate, observer):
    # given
    actions.issue_api_token(acting_user=SYSTEM, user=observer, name="feeds")
    token = ApiToken.objects.get()
    client = Client()
    client.force_login(delegate)

    # when
    response = client.post(f"{TOKENS}{token.pk}/revoke/")

    # then
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


# ---- the command line ------------------------------------------------------------------------


def test_cica_user_token_adds_lists_and_revokes(db, observer, capsys):
    # given
    call_command("user", "token", "add", "observer", "--name", "nightly export", "--days", "7")
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    token = ApiToken.objects.get()

    # when
    call_command("user", "token", "list", "observer")
    listed = capsys.readouterr().out
    call_command("user", "token", "revoke", "observer", str(token.pk))

    # then
    assert token.expires_at - token.created_at == dt.timedelta(days=7)
    assert f"{token.pk}  'nightly export'  {token.prefix}…" in listed
    assert listed.rstrip().endswith("active")
    _assert_refused(_api(secret), "revoked")


def test_cica_user_token_refuses_too_many_days_naming_the_field(db, observer):
    with pytest.raises(CommandError, match=r"^days: "):
        call_command("user", "token", "add", "observer", "--name", "x", "--days", "100000")
