"""One vocabulary of who may act: every permission answers a bool to every account of the
cast, and `None` (no user) is refused by the actions that once took it for the operator."""

import datetime as dt
import inspect
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from cica.accounts import actions as accounts
from cica.accounts import permissions as accounts_permissions
from cica.accounts.models import ApiToken
from cica.cbm import actions as cbm
from cica.cbm import permissions as cbm_permissions
from cica.cbm.models import CoordinationOffer, PriorityArea
from cica.core import anchors, backup
from cica.core.errors import PermissionDenied
from cica.core.roles import SYSTEM
from cica.decisions import actions as decisions
from cica.decisions import permissions as decisions_permissions
from cica.documents import actions as documents
from cica.documents import permissions as documents_permissions
from cica.meetings import actions as meetings
from cica.meetings import permissions as meetings_permissions
from cica.reference.actions import load_reference
from cica.registry import actions as registry
from cica.registry import permissions as registry_permissions
from cica.registry.models import Body, State
from tests.authz.cast import ROLES, STATE_A, STATE_B, make_user
from tests.authz.test_rule_table import STATES, World

NEXT_YEAR = dt.date(2027, 3, 10)
MODULES = (
    accounts_permissions,
    registry_permissions,
    decisions_permissions,
    meetings_permissions,
    documents_permissions,
    cbm_permissions,
)


def _predicates() -> list:
    """Every can_* and is_* a permissions module defines (not the ones it imports)."""
    return [
        function
        for module in MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and name.startswith(("can_", "is_"))
    ]


PREDICATES = _predicates()


def _objects(world: World) -> dict[str, list]:
    """For each parameter name of a predicate after the user, the objects it is asked about."""
    state_a, state_b = State.objects.get(code=STATE_A), State.objects.get(code=STATE_B)
    STATES["A's offer, open"](world)
    STATES["another account's API token"](world)
    return {
        "state": [state_a],
        "draft": [STATES["A's draft, not circulated"](world)["draft"]],
        "procedure": [
            STATES["silence open"](world)["procedure"],
            STATES["silence open, opened by the Chair"](world)["procedure"],
        ],
        "decision": [STATES["decision adopted here"](world)["decision"]],
        "activity": [STATES["A's activity joined by B, recorded"](world)["activity"]],
        "offer": [CoordinationOffer.objects.get()],
        "token": [ApiToken.objects.get()],
        "host_state": [state_a],
        "participants": [[], [state_b]],
        "user": [world.owner(STATE_A)],
    }


def test_every_permission_module_is_asked():
    assert len(PREDICATES) >= 25
    names = {function.__name__ for function in PREDICATES}
    assert {"can_manage_users", "can_edit_registry", "can_decide", "can_record_activity"} <= names


@pytest.mark.parametrize("role", [*ROLES, "anonymous visitor", "system"])
def test_every_permission_answers_a_bool_to_the_whole_cast(db, clock_at_now, role):
    # given: an object of each kind, and the column's account
    objects = _objects(World(clock_at_now))
    user = {"anonymous visitor": AnonymousUser(), "system": SYSTEM}.get(role) or make_user(
        role, "asked"
    )

    # when: each predicate is asked about each object it takes
    answers = {}
    for predicate in PREDICATES:
        _, *names = inspect.signature(predicate).parameters
        unknown = set(names) - set(objects)
        assert not unknown, f"{predicate.__name__}: give this test objects for {unknown}"
        for values in _combinations([objects[name] for name in names]):
            answers[(predicate.__module__, predicate.__name__, *map(repr, values))] = predicate(
                user, *values
            )

    # then
    assert {key: answer for key, answer in answers.items() if type(answer) is not bool} == {}


def _combinations(choices: list[list]) -> list[tuple]:
    combined: list[tuple] = [()]
    for options in choices:
        combined = [(*done, option) for done in combined for option in options]
    return combined


# ---- None is no one ------------------------------------------------------------------------


def _activity(world: World):
    return STATES["A's activity, recorded"](world)["activity"]


# The actions that took None for the operator at the console (or, through "Secretariat or
# None", let it through): each now refuses it, as it refuses an anonymous visitor.
REFUSED = {
    "accounts.create_user": lambda w: accounts.create_user(
        acting_user=None, username="by-no-one", role="secretariat"
    ),
    "accounts.set_password": lambda w: accounts.set_password(
        acting_user=None, user=w.owner(STATE_A), password="a long new passphrase"
    ),
    "accounts.set_language": lambda w: accounts.set_language(
        acting_user=None, user=w.owner(STATE_A), language="ru"
    ),
    "accounts.issue_api_token": lambda w: accounts.issue_api_token(
        acting_user=None, user=w.owner(STATE_A), name="by no one"
    ),
    "accounts.revoke_api_token": lambda w: accounts.revoke_api_token(
        acting_user=None,
        token=ApiToken.objects.get(pk=STATES["another account's API token"](w)["token_id"]),
    ),
    "reference.load_reference": lambda w: load_reference(acting_user=None),
    "registry.rename_state": lambda w: registry.rename_state(
        acting_user=None, state=State.objects.get(code=STATE_A), name_en="A", name_ru="А"
    ),
    "decisions.record_adoption": lambda w: decisions.record_adoption(
        procedure_id=STATES["silence open"](w)["procedure_id"], acting_user=None
    ),
    "meetings.create_meeting": lambda w: meetings.create_meeting(
        acting_user=None, body=Body.objects.get(key="soc"), kind="regular", start_date=NEXT_YEAR
    ),
    "documents.create_document": lambda w: documents.create_document(
        acting_user=None, key="by-no-one", type="treaty", title_en="T", status="adopted"
    ),
    "cbm.validate_activity": lambda w: cbm.validate_activity(
        acting_user=None, activity=_activity(w)
    ),
    "cbm.record_plan": lambda w: cbm.record_plan(acting_user=None, year=2027),
    "cbm.record_coordination": lambda w: cbm.record_coordination(
        acting_user=None,
        area=PriorityArea.objects.get(key="tourism"),
        state=State.objects.get(code=STATE_A),
        role="coordinator",
        basis="attested",
        valid_from=None,
    ),
    "core.backup.create": lambda w: backup.create(Path("unwritten.zip"), acting_user=None),
    "core.backup.restore": lambda w: backup.restore(Path("unread.zip"), acting_user=None),
    "core.anchors.anchor": lambda w: anchors.anchor(acting_user=None),
}


@pytest.mark.parametrize("action", REFUSED)
def test_none_is_refused_by_the_actions_that_took_it_for_the_operator(db, clock_at_now, action):
    with pytest.raises(PermissionDenied):
        REFUSED[action](World(clock_at_now))
