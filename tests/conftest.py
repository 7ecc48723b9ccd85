"""The common cast of the suite: the CICA reference data, loaded once, and accounts of each role."""

import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cica.accounts import actions as account_actions
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.reference.actions import load_reference
from tests import factories


def pytest_configure(config):
    # Real password hashing costs a quarter of a second per account; tests make many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request to /ru/ leaves Russian active in the test's thread, and the cache outlives the
    rolled-back transaction that filled it: no test inherits either."""
    yield
    translation.deactivate()
    caches["records"].clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the CICA data; each test runs in a transaction rolled back."""
    with django_db_blocker.unblock():
        load_reference(acting_user=SYSTEM)


@pytest.fixture
def committed_reference(transactional_db):
    """The CICA data in a test whose transactions really commit (threads, workers, browsers).

    Such tests empty the database when they end, so each loads the data if it is missing.
    """
    from cica.registry.models import State

    if not State.objects.filter(code="KZ").exists():
        load_reference(acting_user=SYSTEM)


@pytest.fixture
def member_state(db):
    return factories.StateFactory(code="ZZ", name_en="Zedland", status="member")


@pytest.fixture
def observer_state(db):
    return factories.StateFactory(code="AA", name_en="Observia", status="observer")


def with_two_factor(user):
    """Give `user` a TOTP authenticator, as officers and delegates have; answer its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    user.totp_secret = secret
    return user


def totp_code(secret: str, *, offset: int = 0) -> str:
    """The code an authenticator app shows now for `secret` (`offset` periods of 30 s away)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def second_factor_step(client: Client, user) -> None:
    """Give a code of `user`'s authenticator on allauth's re-authentication page, as a person
    does before creating an API token."""
    response = client.post(
        "/en/accounts/2fa/reauthenticate/", {"code": totp_code(user.totp_secret)}
    )
    assert response.status_code == 302, response.content[:500]


@pytest.fixture
def secretariat_officer(db):
    return with_two_factor(
        account_actions.create_user(
            acting_user=SYSTEM,
            username="officer",
            role="secretariat",
            password="a long Secretariat passphrase",
        )
    )


@pytest.fixture
def delegate(db, member_state):
    return with_two_factor(
        account_actions.create_user(
            acting_user=SYSTEM,
            username="delegate",
            role="delegate",
            state_code=member_state.code,
            password="a long delegate passphrase",
        )
    )


@pytest.fixture
def observer(db, observer_state):
    return account_actions.create_user(
        acting_user=SYSTEM,
        username="observer",
        role="observer",
        state_code=observer_state.code,
        password="a long observer passphrase",
    )


@pytest.fixture
def procedure(secretariat_officer):
    """An open silence procedure on a statement, before the SOC."""
    from cica.decisions import actions
    from cica.registry.models import Body

    draft = actions.create_draft(
        acting_user=secretariat_officer, kind="statement", title="x", text_en="x"
    )
    return actions.open_silence_procedure(
        acting_user=secretariat_officer,
        version=draft.versions.get(),
        body=Body.objects.get(key="soc"),
    )


@pytest.fixture
def assert_constant_queries(client, django_assert_num_queries):
    """Check that a list answers with as many queries after `add` has made 20 more rows. The
    cache is emptied first: `add` writes rows directly, not through the audited actions."""

    def check(url: str, add, params: dict | None = None) -> None:
        caches["records"].clear()
        with CaptureQueriesContext(connection) as baseline:
            assert client.get(url, params).status_code == 200
        for _ in range(20):
            add()
        caches["records"].clear()
        with django_assert_num_queries(len(baseline)):
            response = client.get(url, params)
        assert response.status_code == 200

    return check


def recorded_acts() -> int:
    """How many acts the audit chain records, leaving out the refusals it records too."""
    return AuditEntry.objects.exclude(action="authorization.denied").count()


def bearer_client(user) -> Client:
    """A test client that authenticates with a new API token of `user`."""
    token = account_actions.issue_api_token(acting_user=SYSTEM, user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {token}"})


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor}"
