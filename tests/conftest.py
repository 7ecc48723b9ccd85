"""The common cast of the suite: the CICA reference data, loaded once, and accounts of each role."""

import hashlib
import os
import time
from collections import Counter

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
from cica.core.models import AuditEntry, KeptRead
from cica.core.roles import SYSTEM
from cica.reference.actions import load_reference
from cica.reference.loader import SUPPLEMENT
from tests import factories

# How many cases the API fuzzing pass tried, by role (tests/api/conftest.py counts them).
FUZZ_CASES = pytest.StashKey[Counter]()


def pytest_configure(config):
    # Real password hashing costs a quarter of a second per account; tests make many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if worker := getattr(config, "workerinput", None):
        _a_folder_of_the_workers_own(worker["workerid"])


def _a_folder_of_the_workers_own(worker: str) -> None:
    """Under pytest-xdist each worker has a test database of its own (pytest-django names it
    after the worker), and here a folder of its own for the files it writes: attachments,
    collected static files, the key of the two-factor secrets, and the data folder of the
    commands it runs in child processes."""
    folder = settings.DATA_DIR / "workers" / worker
    folder.mkdir(parents=True, exist_ok=True)
    settings.MEDIA_ROOT = folder / "media"
    settings.STATIC_ROOT = folder / "static"
    settings.STATIC_ROOT.mkdir(exist_ok=True)
    settings.CICA_MFA_KEY_FILE = str(folder / "mfa.key")
    os.environ["CICA_DATA_DIR"] = str(folder)


def pytest_collection_modifyitems(config, items):
    if getattr(config, "workerinput", {}).get("workercount", 1) > 1:
        alone = pytest.mark.skip(reason="runs alone, not beside other workers: pytest -m serial")
        for item in items:
            if item.get_closest_marker("serial"):
                item.add_marker(alone)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request to /ru/ leaves Russian active in the test's thread, and the cache outlives the
    rolled-back transaction that filled it: no test inherits either."""
    yield
    translation.deactivate()
    caches["records"].clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the CICA data; each test runs in a transaction rolled back.

    A database kept by `--reuse-db` is used as it is when loading this very CICA data was its
    last act (every write is audited, so nothing has changed it since); else the data is loaded
    again, as on a new database. The database cache (sign-in limits, used TOTP codes) is not
    a model's table, so nothing else empties it between runs."""
    with django_db_blocker.unblock():
        caches["default"].clear()
        if not _holds_this_reference_data():
            load_reference(acting_user=SYSTEM)


def _holds_this_reference_data() -> bool:
    last = AuditEntry.objects.order_by("-pk").first()
    if last is None or last.action != "reference.load":
        return False
    path = settings.CICA_REFERENCE_PATH
    supplement = path.with_name(SUPPLEMENT)
    return (last.payload.get("sha256"), last.payload.get("supplement_sha256")) == (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        hashlib.sha256(supplement.read_bytes()).hexdigest() if supplement.exists() else "",
    )


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


@pytest.fixture
def redis_url():
    """A throwaway Redis on a loopback port (scripts/with_redis.py), stopped after the test: its
    URL, as CICA_CACHE_URL takes it. `make test` installs Debian's redis-server."""
    from scripts import with_redis

    if with_redis.executable() is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with with_redis.redis_server() as url:
        yield url


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
        empty_caches()
        with CaptureQueriesContext(connection) as baseline:
            assert client.get(url, params).status_code == 200
        for _ in range(20):
            add()
        empty_caches()
        with django_assert_num_queries(len(baseline)):
            response = client.get(url, params)
        assert response.status_code == 200

    return check


def empty_caches() -> None:
    """Forget every derived read: the records cache and the kept reads (core.kept)."""
    caches["records"].clear()
    KeptRead.objects.all().delete()


def recorded_acts() -> int:
    """How many acts the audit chain records, leaving out the refusals it records too."""
    return AuditEntry.objects.exclude(action="authorization.denied").count()


def suite_database_url() -> str:
    """The test database's URL (CICA_DATABASE_URL), for a child process that must use it."""
    given = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{given['NAME']}"
    return (
        f"postgres://{given['USER']}:{given['PASSWORD'] or ''}@{given['HOST']}:"
        f"{given['PORT']}/{given['NAME']}"
    )


def bearer_client(user) -> Client:
    """A test client that authenticates with a new API token of `user`."""
    token = account_actions.issue_api_token(acting_user=SYSTEM, user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {token}"})


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor}"


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: a worker's count of fuzzing cases joins the run's."""
    cases = getattr(node, "workeroutput", {}).get("fuzz_cases")
    if cases:
        node.config.stash.setdefault(FUZZ_CASES, Counter()).update(cases)


def pytest_terminal_summary(terminalreporter, config):
    cases = config.stash.get(FUZZ_CASES, None)
    if cases:
        by_role = ", ".join(f"{role} {count}" for role, count in cases.items())
        terminalreporter.write_line(f"API fuzzing: {cases.total()} cases tried ({by_role})")
