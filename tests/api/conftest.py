"""The API fuzzing pass counts the cases it tries, by role, for the run's summary (written by
tests/conftest.py, which also adds up the counts of pytest-xdist's workers)."""

from collections import Counter

import pytest

from tests.conftest import FUZZ_CASES


@pytest.fixture(scope="session")
def fuzz_cases(request) -> Counter:
    return request.config.stash.setdefault(FUZZ_CASES, Counter())


def pytest_sessionfinish(session):
    """A pytest-xdist worker hands its count to the controller, which writes the summary."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["fuzz_cases"] = dict(session.config.stash.get(FUZZ_CASES, Counter()))
