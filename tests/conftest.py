"""The common cast of the suite: the CICA reference data, loaded once, and accounts of each role."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cica.accounts import actions as account_actions
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
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the CICA data; each test runs in a transaction rolled back."""
    with django_db_blocker.unblock():
        load_reference(acting_user=None)


@pytest.fixture
def committed_reference(transactional_db):
    """The CICA data in a test whose transactions really commit (threads, workers, browsers).

    Such tests empty the database when they end, so each loads the data if it is missing.
    """
    from cica.registry.models import State

    if not State.objects.filter(code="KZ").exists():
        load_reference(acting_user=None)


@pytest.fixture
def member_state(db):
    return factories.StateFactory(code="ZZ", name_en="Zedland", status="member")


@pytest.fixture
def observer_state(db):
    return factories.StateFactory(code="AA", name_en="Observia", status="observer")


@pytest.fixture
def secretariat_officer(db):
    return account_actions.create_user(
        acting_user=None,
        username="officer",
        role="secretariat",
        password="a long Secretariat passphrase",
    )


@pytest.fixture
def delegate(db, member_state):
    return account_actions.create_user(
        acting_user=None,
        username="delegate",
        role="delegate",
        state_code=member_state.code,
        password="a long delegate passphrase",
    )


@pytest.fixture
def observer(db, observer_state):
    return account_actions.create_user(
        acting_user=None,
        username="observer",
        role="observer",
        state_code=observer_state.code,
        password="a long observer passphrase",
    )


@pytest.fixture
def assert_constant_queries(client, django_assert_num_queries):
    """Check that a list answers with as many queries after `add` has made 20 more rows. The
    cache is emptied first: `add` writes rows directly, not through the audited actions."""

    def check(url: str, add, params: dict | None = None) -> None:
        cache.clear()
        with CaptureQueriesContext(connection) as baseline:
            assert client.get(url, params).status_code == 200
        for _ in range(20):
            add()
        cache.clear()
        with django_assert_num_queries(len(baseline)):
            response = client.get(url, params)
        assert response.status_code == 200

    return check


def bearer_client(user) -> Client:
    """A test client that authenticates with a new API token of `user`."""
    token = account_actions.issue_api_token(acting_user=None, user=user)
    return Client(headers={"Authorization": f"Bearer {token}"})


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor}"
