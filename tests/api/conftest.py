"""The API fuzzing pass counts the cases it tries, by role, for the run's summary."""

from collections import Counter

import pytest

CASES = pytest.StashKey[Counter]()


@pytest.fixture(scope="session")
def fuzz_cases(request) -> Counter:
    return request.config.stash.setdefault(CASES, Counter())


def pytest_terminal_summary(terminalreporter, config):
    cases = config.stash.get(CASES, None)
    if cases:
        by_role = ", ".join(f"{role} {count}" for role, count in cases.items())
        terminalreporter.write_line(f"API fuzzing: {cases.total()} cases tried ({by_role})")
