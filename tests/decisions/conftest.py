"""The cast of a decision: the Chair's delegate, member states' delegates, observers, a draft."""

import datetime as dt

import pytest
import time_machine

from cica.accounts import actions as accounts
from cica.core import clock
from cica.core.roles import SYSTEM
from cica.decisions import actions
from cica.documents import actions as documents
from cica.documents.models import Document
from cica.documents.queries import FOUNDING
from cica.registry.models import Body, State
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
            acting_user=SYSTEM,
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


def adopt(officer, traveller, *, kind: str, effect: dict, body: str, title: str = "A decision"):
    """A draft of `kind` put by the Secretariat to `body` by silence procedure, adopted at its
    deadline: the clock moves past it."""
    draft = actions.create_draft(
        acting_user=officer, kind=kind, title=title, text_en=title, effect=effect
    )
    procedure = actions.open_silence_procedure(
        acting_user=officer, version=draft.versions.get(), body=Body.objects.get(key=body)
    )
    traveller.move_to(procedure.deadline + dt.timedelta(minutes=1))
    return actions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM)


def sign_founding_documents(officer, code: str, *keys: str) -> None:
    """The state signs the founding documents (both unless `keys` names some) today."""
    for key in keys or FOUNDING:
        documents.record_treaty_action(
            acting_user=officer,
            document=Document.objects.get(key=key),
            state=State.objects.get(code=code),
            kind="signature",
            date=clock.today(),
        )


def candidate(officer, traveller, code: str):
    """A state that applied for membership and whose draft admission the SOC approved."""
    actions.record_application(
        acting_user=officer,
        state=State.objects.get(code=code),
        kind="membership",
        date=clock.today(),
    )
    return adopt(
        officer,
        traveller,
        kind="approve_admission",
        effect={"state": code},
        body="soc",
        title=f"Approval of the draft decision on the admission of {code}",
    )
