"""The fault tests' fixtures: a database of the test's own, and a server on it (harness.py)."""

import os
import random
from urllib.parse import urlsplit

import pytest

from tests.faults.harness import Server


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "faults: kills or starves real server processes on 127.0.0.1 (bounded)"
    )


@pytest.fixture
def fault_env(tmp_path):
    """The environment of the server and the child processes: a database of the test's own."""
    env = {
        **os.environ,
        "CICA_DATA_DIR": str(tmp_path / "data"),
        "CICA_ENV": "local",
        "CICA_DEBUG": "0",
        "CICA_LOG_LEVEL": "WARNING",
    }
    url = env.pop("CICA_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield env
        return
    import psycopg

    name = f"cica_faults_{os.getpid()}_{random.randrange(10**6)}"
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env["CICA_DATABASE_URL"] = urlsplit(url)._replace(path=f"/{name}").geturl()
    try:
        yield env
    finally:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server(fault_env, tmp_path):
    server = Server(fault_env, tmp_path / "server.log")
    try:
        yield server
    finally:
        server.kill()  # even when the test failed half-way: no process is left behind
