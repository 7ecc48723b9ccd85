"""Playwright drives Debian's Chromium (Playwright's own browsers cannot be downloaded here)."""

import os
import shutil
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from cica.accounts import actions as accounts
from cica.accounts.models import User
from cica.core.roles import SYSTEM
from cica.decisions import actions
from cica.registry.models import Body

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: `make test` installs it")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
    # live server thread are safe regardless.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def portal(live_server, committed_reference):
    """The live portal with the CICA data."""
    return live_server.url


@pytest.fixture
def open_procedure(committed_reference):
    """A silence procedure open before the SOC, and a delegate of Kazakhstan who can sign in."""
    officer = accounts.create_user(acting_user=SYSTEM, username="officer", role="secretariat")
    accounts.create_user(
        acting_user=SYSTEM,
        username="kz",
        role="delegate",
        state_code="KZ",
        password="a long delegate passphrase",
    )
    draft = actions.create_draft(
        acting_user=officer,
        kind="statement",
        title="Statement on connectivity",
        text_en="The Member States support connectivity.",
        text_ru="Государства-члены ...",
    )
    return actions.open_silence_procedure(
        acting_user=officer, version=draft.versions.get(), body=Body.objects.get(key="soc")
    )


def sign_in(page, portal: str, username: str, password: str) -> None:
    """Sign in with the password, then a code of a TOTP authenticator given to the account."""
    user = User.objects.get(username=username)
    secret = generate_totp_secret()
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, secret)
    page.goto(f"{portal}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{portal}/en/accounts/2fa/authenticate/")
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Code").fill(code)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{portal}/en/")
