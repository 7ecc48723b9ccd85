"""The fault tests' fixtures: a database of the test's own, and a server on it (harness.py)."""

import os

import pytest

from tests.faults.harness import Server, database_of_its_own


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
    with database_of_its_own(env) as env:
        yield env


@pytest.fixture
def server(fault_env, tmp_path):
    server = Server(fault_env, tmp_path / "server.log")
    try:
        yield server
    finally:
        server.kill()  # even when the test failed half-way: no process is left behind
