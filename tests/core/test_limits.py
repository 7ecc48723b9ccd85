"""The actions keep the limits of core.limits themselves, whoever calls them (the API, a form, the
CLI, a test): one character more than its limit is refused naming the field and changes
nothing; a text at its limit is stored, so it fits its column (PostgreSQL refuses a longer one)."""

import datetime as dt

import pytest
import time_machine

from cica.cbm import actions as cbm
from cica.cbm.models import PriorityArea
from cica.core import limits
from cica.core.errors import InvalidInput
from cica.decisions import actions as decisions
from cica.documents import actions as documents
from cica.meetings import actions as meetings
from cica.registry import actions as registry
from cica.registry.models import Body, State
from tests.authz.cast import NOW, STATE_A
from tests.authz.test_rule_table import STATES, World
from tests.conftest import recorded_acts


@pytest.fixture(autouse=True)
def clock_at_now():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def _activity(w: World, m: dict, **texts):
    return cbm.record_activity(
        acting_user=w.owner(STATE_A),
        area=PriorityArea.objects.get(key="tourism"),
        kind="workshop",
        start_date=dt.date(2026, 11, 1),
        host_state=State.objects.get(code=STATE_A),
        **{"title": "Workshop", **texts},
    )


def _meeting(w: World, m: dict, **texts):
    return meetings.create_meeting(
        acting_user=w.owner("secretariat"),
        body=Body.objects.get(key="soc"),
        start_date=dt.date(2027, 3, 10),
        **texts,
    )


def _document(w: World, m: dict, **texts):
    return documents.create_document(
        acting_user=w.owner("secretariat"),
        key="limits",
        type="treaty",
        **{"title_en": "An agreement", **texts},
    )


def _names(w: World, m: dict, **texts):
    return registry.rename_state(
        acting_user=w.owner("secretariat"),
        state=State.objects.get(code="VN"),
        **{"name_en": "Viet Nam", "name_ru": "Вьетнам", **texts},
    )


# An act, the state of the row of docs/authorization.md it needs, its text and that text's limit.
ACTS = [
    (
        lambda w, m, **t: decisions.create_draft(
            acting_user=w.owner("secretariat"), kind="statement", **{"title": "T", **t}
        ),
        "",
        field,
        limit,
    )
    for field, limit in [("title", limits.TITLE), ("text_en", limits.TEXT)]
] + [
    (
        lambda w, m, **t: decisions.comment(
            acting_user=w.owner("secretariat"), procedure=m["procedure"], **t
        ),
        "silence open",
        "text",
        limits.COMMENT,
    ),
    (
        lambda w, m, **t: decisions.break_silence(
            acting_user=w.owner(STATE_A), procedure=m["procedure"], **{"reason": "No.", **t}
        ),
        "silence open",
        "proposed_wording",
        limits.COMMENT,
    ),
    (
        lambda w, m, **t: decisions.object_at_meeting(
            acting_user=w.owner(STATE_A), procedure=m["procedure"], **t
        ),
        "meeting open",
        "reason",
        limits.COMMENT,
    ),
    (
        lambda w, m, **t: decisions.add_version(
            acting_user=w.owner(STATE_A), draft=m["draft"], **{"text_en": "T", **t}
        ),
        "A's draft, not circulated",
        "text_ru",
        limits.TEXT,
    ),
    (_activity, "", "title", limits.TITLE),
    (_activity, "", "summary", limits.COMMENT),
    (
        lambda w, m, **t: cbm.return_activity(
            acting_user=w.owner("secretariat"), activity=m["activity"], **t
        ),
        "A's activity, recorded",
        "note",
        limits.NOTE,
    ),
    (_meeting, "", "title_en", limits.TITLE),
    (_meeting, "", "occasion", limits.TITLE),
    (_meeting, "", "city", limits.LABEL),
    (_document, "", "title_en", limits.TITLE),
    (_document, "", "symbol", limits.LABEL),
    (_document, "", "text_ru", limits.TEXT),
    (_names, "", "name_ru", limits.NAME),
]


@pytest.mark.parametrize(
    ("act", "state", "field", "limit"),
    ACTS,
    ids=[f"{field}-{i}" for i, (_, _, field, _) in enumerate(ACTS)],
)
def test_an_action_stores_a_text_at_its_limit_and_refuses_one_more(
    db, clock_at_now, act, state, field, limit
):
    # given
    world = World(clock_at_now)
    made = STATES[state](world) if state else {}
    world.owner("secretariat")
    world.owner(STATE_A)
    acts = recorded_acts()

    # when
    with pytest.raises(InvalidInput) as refused:
        act(world, made, **{field: "я" * (limit + 1)})
    act(world, made, **{field: "я" * limit})

    # then: refused, then done once
    assert refused.value.field == field
    assert recorded_acts() == acts + 1
