"""The cast of a decision: the Chair's delegate, member states' delegates, observers, a draft."""

import datetime as dt

import pytest
import time_machine

from cica.accounts import actions as accounts
from cica.core import clock
from cica.decisions import actions
from cica.registry.models import Body
from cica.registry.queries import current_chair
from tests.conftest import with_two_factor

# The suite's "now": Azerbaijan chairs (2024-12-17 to 2026), Kuwait is a member.
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def clock_at_now():
    """Time runs from NOW; a test moves it with `clock_at_now.move_to(...)` or `.shift(...)`."""
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def _user(username: str, role: str, **affiliation):
    return with_two_factor(
        accounts.create_user(
            acting_user=None,
            username=username,
            role=role,
            email=f"{username}@example.org",
            password="a long test passphrase",
            **affiliation,
        )
    )


def cast() -> dict:
    """One account of each role, for tests that cannot take fixtures (state machines)."""
    return {
        "officer": _user("m-officer", "secretariat"),
        "chair": _user("m-chair", "delegate", state_code=current_chair(clock.today()).state.code),
        "kz": _user("m-kz", "delegate", state_code="KZ"),
        "in": _user("m-in", "delegate", state_code="IN"),
        "jp": _user("m-jp", "observer", state_code="JP"),
    }


@pytest.fixture
def chair_delegate(db):
    """A delegate of the state that holds the Chairmanship today."""
    return _user("chair", "delegate", state_code=current_chair(clock.today()).state.code)


@pytest.fixture
def kz_delegate(db):
    return _user("kz", "delegate", state_code="KZ")


@pytest.fixture
def in_delegate(db):
    return _user("in", "delegate", state_code="IN")


@pytest.fixture
def jp_observer(db):
    return _user("jp", "observer", state_code="JP")


@pytest.fixture
def officer(db):
    return _user("officer", "secretariat")


@pytest.fixture
def soc(db):
    return Body.objects.get(key="soc")


@pytest.fixture
def draft(officer):
    return actions.create_draft(
        acting_user=officer,
        kind="statement",
        title="Statement on the 35th anniversary of CICA",
        text_en="The Member States welcome ...",
        text_ru="Государства-члены приветствуют ...",
    )


@pytest.fixture
def version(draft):
    return draft.versions.get()


@pytest.fixture
def deadline():
    return clock.now() + dt.timedelta(days=14)


@pytest.fixture
def silence(officer, version, soc, deadline):
    """An open silence procedure before the SOC, deadline in two weeks."""
    return actions.open_silence_procedure(
        acting_user=officer, version=version, body=soc, deadline=deadline
    )
