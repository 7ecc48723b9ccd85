"""Signing in (django-allauth): a second factor for officers and delegates, lockout after failed
attempts, sessions that rotate at sign-in and die at sign-out, and resets that skip nothing."""

import re
import time

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.test import Client

from cica.accounts import actions
from cica.accounts.errors import InvalidAccount
from cica.core.roles import SYSTEM

LOGIN = "/en/accounts/login/"
SECOND_FACTOR = "/en/accounts/2fa/authenticate/"
PASSWORD = "a long delegate passphrase"


def _code(secret: str, *, offset: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def _signed_in_as(client: Client) -> str | None:
    found = re.search(r"Sign out \(([^)]+)\)", client.get("/en/").content.decode())
    return found.group(1) if found else None


def _password_step(client: Client, username: str = "delegate", password: str = PASSWORD):
    return client.post(LOGIN, {"login": username, "password": password})


def test_a_delegate_signs_in_with_a_password_then_a_code(client, delegate):
    # given
    client.get("/en/")
    client.session["before"] = True
    anonymous_key = client.session.session_key

    # when
    first = _password_step(client)
    after_password = _signed_in_as(client)
    wrong = client.post(SECOND_FACTOR, {"code": _code(delegate.totp_secret, offset=-10)})
    after_wrong = _signed_in_as(client)
    right = client.post(SECOND_FACTOR, {"code": _code(delegate.totp_secret)})

    # then
    assert (first.status_code, first["Location"]) == (302, SECOND_FACTOR)
    assert after_password is None
    assert wrong.status_code == 200 and after_wrong is None
    assert right.status_code == 302
    assert _signed_in_as(client) == "delegate"
    assert client.session.session_key != anonymous_key


def test_a_recovery_code_signs_in_once(client, delegate):
    # given
    code = RecoveryCodes.activate(delegate).get_unused_codes()[0]
    _password_step(client)

    # when
    used = client.post(SECOND_FACTOR, {"code": code})
    client.post("/en/accounts/logout/")
    _password_step(client)
    reused = client.post(SECOND_FACTOR, {"code": code})

    # then
    assert used.status_code == 302
    assert reused.status_code == 200
    assert _signed_in_as(client) is None


def test_five_failed_sign_ins_lock_the_account(client, delegate):
    # when
    failures = [_password_step(client, password=f"wrong guess {i}").status_code for i in range(5)]
    locked = _password_step(client)

    # then: even the right password is refused for a while
    assert failures == [200] * 5
    assert "Too many failed login attempts" in locked.content.decode()
    assert _signed_in_as(client) is None


def test_too_many_sign_ins_from_one_address_get_429(client, delegate, settings):
    # given
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}

    # when
    statuses = [_password_step(client, password=f"guess {i}").status_code for i in range(4)]

    # then
    assert statuses == [200, 200, 200, 429]


def test_an_officer_without_a_second_factor_must_set_one_up(client, db):
    # given
    officer = actions.create_user(
        acting_user=SYSTEM, username="new-officer", role="secretariat", password=PASSWORD
    )
    client.force_login(officer)

    # when
    page = client.get("/en/workspace/")
    api = client.get("/api/v1/audit")
    setup = client.get(page["Location"], follow=True)

    # then
    assert page.status_code == 302
    assert page["Location"] == "/en/accounts/2fa/totp/activate/"
    assert api.status_code == 403
    assert api.json()["type"] == "urn:cica:error:two_factor_required"
    assert setup.status_code == 200  # after confirming the password again
    assert setup.redirect_chain[-1][0].startswith("/en/accounts/reauthenticate/")


def test_observers_are_not_asked_for_a_second_factor(client, observer):
    client.force_login(observer)
    assert client.get("/en/workspace/").status_code == 200


def test_a_password_reset_does_not_skip_the_second_factor(client, delegate):
    # given
    delegate.email = "delegate@example.org"
    delegate.save()
    client.post("/en/accounts/password/reset/", {"email": delegate.email})
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body)

    # when
    form = client.get(link.group(0).split("testserver")[-1], follow=True)
    changed = client.post(
        form.redirect_chain[-1][0],
        {"password1": "another long passphrase", "password2": "another long passphrase"},
    )
    after_reset = _signed_in_as(client)
    second = _password_step(client, password="another long passphrase")

    # then
    assert changed.status_code == 302
    assert after_reset is None
    assert second["Location"] == SECOND_FACTOR
    assert _signed_in_as(client) is None


def test_a_session_is_dead_after_signing_out(delegate):
    # given
    client = Client()
    client.force_login(delegate)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value

    # when
    client.post("/en/accounts/logout/")
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = stolen

    # then
    assert _signed_in_as(replay) is None
    assert replay.get("/api/v1/me").status_code == 401


def test_officers_and_delegates_have_short_sessions(client, delegate, observer):
    # given
    _password_step(client)
    client.post(SECOND_FACTOR, {"code": _code(delegate.totp_secret)})
    other = Client()
    other.post(LOGIN, {"login": "observer", "password": "a long observer passphrase"})

    # then
    assert client.session.get_expiry_age() == settings.CICA_PRIVILEGED_SESSION_SECONDS
    assert other.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert settings.CICA_PRIVILEGED_SESSION_SECONDS < settings.SESSION_COOKIE_AGE


def test_signing_in_needs_the_csrf_token(delegate):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"login": "delegate", "password": PASSWORD})
    assert response.status_code == 403
    assert _signed_in_as(client) is None


def test_no_one_signs_up(client, db):
    client.post(
        "/en/accounts/signup/",
        {"username": "intruder", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert not actions.User.objects.filter(username="intruder").exists()


@pytest.mark.parametrize(
    "password",
    [
        "a" * 12 + " passphrase in lower case only",
        "Длинная фраза на русском языке",
        "x" * 128,
    ],
    ids=["no composition rule", "any script", "128 characters"],
)
def test_long_passphrases_of_any_kind_are_accepted(db, password):
    user = actions.create_user(
        acting_user=SYSTEM, username="p", role="secretariat", password=password
    )
    assert user.check_password(password)


@pytest.mark.parametrize(
    "password", ["password1234", "short pass", "delegate-delegate"], ids=["common", "11", "name"]
)
def test_weak_passwords_are_refused(db, password):
    with pytest.raises(InvalidAccount) as refused:
        actions.create_user(
            acting_user=SYSTEM, username="delegate-delegate", role="secretariat", password=password
        )
    assert refused.value.field == "password"
