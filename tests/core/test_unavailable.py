"""A database that cannot answer gives 503 with Retry-After, writes nothing partial, and the
next request succeeds with no manual step."""

import sqlite3

import pytest
from django.db import close_old_connections, connection, connections
from django.test import Client
from django.urls import reverse

from cica.accounts import actions as account_actions
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.registry.models import State
from tests.conftest import bearer_client, with_two_factor

NAMES = {"name_en": "Republic of Kazakhstan (renamed)", "name_ru": "Республика Казахстан"}


@pytest.fixture
def officer(committed_reference):
    return with_two_factor(
        account_actions.create_user(
            acting_user=SYSTEM,
            username="officer",
            role="secretariat",
            password="a long passphrase 1",
        )
    )


@pytest.fixture
def api_client(officer) -> Client:
    return bearer_client(officer)


@pytest.fixture
def page_client(officer) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    return client


@pytest.fixture
def short_busy_timeout(monkeypatch):
    """Wait a fifth of a second for a lock, not the production twenty."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's file lock")
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.2)
    connection.close()
    yield
    connection.close()


@pytest.fixture
def lock(short_busy_timeout, api_client, page_client):
    """Another process takes SQLite's write lock when the test says so."""
    locker = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    yield lambda: locker.execute("BEGIN IMMEDIATE")
    if locker.in_transaction:
        locker.execute("ROLLBACK")
    locker.close()


def _unchanged() -> tuple:
    return State.objects.get(code="KZ").name_en, AuditEntry.objects.count()


def test_a_locked_database_answers_503_to_the_api_then_recovers(lock, api_client):
    # given
    before = _unchanged()
    locker = lock()

    # when
    locked = api_client.patch("/api/v1/states/KZ", NAMES, content_type="application/json")
    locker.execute("ROLLBACK")
    retried = api_client.patch("/api/v1/states/KZ", NAMES, content_type="application/json")

    # then
    assert locked.status_code == 503
    assert locked["Retry-After"] == "5"
    assert locked["Content-Type"] == "application/problem+json"
    assert locked.json()["type"] == "urn:cica:error:unavailable"
    assert retried.status_code == 200
    assert State.objects.get(code="KZ").name_en == NAMES["name_en"]
    assert AuditEntry.objects.count() == before[1] + 1


def test_a_locked_database_answers_503_to_a_form_and_writes_nothing(lock, page_client):
    # given
    before = _unchanged()
    url = reverse("portal:state_rename", args=["KZ"])
    locker = lock()

    # when
    locked = page_client.post(url, NAMES)
    locker.execute("ROLLBACK")
    after_lock = _unchanged()
    retried = page_client.post(url, NAMES)

    # then
    assert locked.status_code == 503
    assert locked["Retry-After"] == "5"
    assert "Traceback" not in locked.content.decode()
    assert "try again" in locked.content.decode()
    assert after_lock == before
    assert retried.status_code == 302
    assert State.objects.get(code="KZ").name_en == NAMES["name_en"]


def test_a_lost_postgresql_connection_answers_503_then_reconnects(api_client):
    # given: the server ends this session, as a restart does
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's server process")
    before = _unchanged()
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()

    # when: between the two, what Django runs at the end of every request (the test client
    # switches it off, to keep a test's transaction open)
    lost = api_client.patch("/api/v1/states/KZ", NAMES, content_type="application/json")
    close_old_connections()
    retried = api_client.patch("/api/v1/states/KZ", NAMES, content_type="application/json")

    # then
    assert lost.status_code == 503
    assert lost["Retry-After"] == "5"
    assert retried.status_code == 200
    assert AuditEntry.objects.count() == before[1] + 1
