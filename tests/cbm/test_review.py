"""The review's arithmetic on known data, the coordinators from the reference data, and the
assignment of a coordinator by a decision of the SOC."""

import datetime as dt
from types import SimpleNamespace as Row

import pytest
import time_machine
from django.db.models import Prefetch

from cica.cbm import actions, queries, rules
from cica.cbm.models import Activity, Coordination, PriorityArea
from cica.core import clock
from cica.core.roles import SYSTEM
from cica.registry.models import State

D = dt.date


def _state(pk, code):
    return Row(pk=pk, code=code, name=code)


KZ, CN, IN, RU = _state(1, "KZ"), _state(2, "CN"), _state(3, "IN"), _state(4, "RU")
MILITARY, ECONOMIC = Row(pk=1, key="mil"), Row(pk=2, key="eco")
AREAS = [
    Row(pk=10, key="mil", dimension_id=1),
    Row(pk=20, key="tourism", dimension_id=2),
    Row(pk=21, key="finance", dimension_id=2),
]


def _activity(pk, area, start, host, participants=(), status="validated", planned=None):
    return Row(
        pk=pk,
        area_id=area,
        start_date=start,
        host_state=host,
        host_state_id=host.pk,
        participants_list=list(participants),
        status=status,
        planned_event_id=planned,
    )


def _term(area, state, role, start=None, end=None):
    return Row(
        area_id=area,
        state=state,
        state_id=state.pk,
        role=role,
        valid_from=start,
        from_latest=None,
        from_unknown=False,
        valid_to=end,
        to_earliest=None,
        to_unknown=False,
    )


def _review(**overrides):
    data = {
        "start": D(2025, 1, 1),
        "end": D(2025, 12, 31),
        "dimensions": [MILITARY, ECONOMIC],
        "areas": AREAS,
        "planned_events": [
            Row(pk=1, area_id=10, date=D(2025, 7, 13)),
            Row(pk=2, area_id=20, date=D(2025, 10, 1)),
            Row(pk=3, area_id=20, date=D(2026, 2, 1)),  # next year's plan: outside
        ],
        "activities": [
            _activity(1, 10, D(2025, 7, 13), KZ, [CN, IN], planned=1),
            _activity(2, 20, D(2025, 3, 2), CN, [KZ]),
            _activity(3, 20, D(2025, 11, 5), CN, [RU], status="recorded", planned=2),
            _activity(4, 20, D(2025, 6, 1), IN, status="returned"),
            _activity(5, 21, D(2024, 11, 30), KZ),  # before the period, within twelve months
        ],
        "coordinations": [
            _term(10, KZ, "coordinator"),
            _term(10, CN, "co_coordinator", D(2021, 6, 23)),
            _term(20, CN, "coordinator", D(2022, 1, 1), D(2024, 12, 31)),  # ended
            _term(20, IN, "co_coordinator", D(2024, 1, 1)),
        ],
    }
    data.update(overrides)
    counts = rules.tally(
        start=data["start"],
        end=data["end"],
        planned_events=data.pop("planned_events"),
        activities=data.pop("activities"),
    )
    return rules.review(**data, counts=counts, states={s.pk: s for s in (KZ, CN, IN, RU)})


def test_each_area_counts_planned_held_and_awaiting():
    review = _review()
    by_key = {row.area.key: row.figures for row in review.areas}

    assert by_key["mil"] == rules.Figures(planned=1, planned_held=1, held=1, awaiting=0)
    # Activity 3 was planned but awaits validation: planned, not yet held as planned.
    assert by_key["tourism"] == rules.Figures(planned=1, planned_held=0, held=1, awaiting=1)
    assert by_key["finance"] == rules.Figures()


def test_dimensions_sum_their_areas_and_the_total_sums_the_dimensions():
    review = _review()

    assert [figures for _dimension, figures in review.dimensions] == [
        rules.Figures(planned=1, planned_held=1, held=1, awaiting=0),
        rules.Figures(planned=1, planned_held=0, held=1, awaiting=1),
    ]
    assert review.total == rules.Figures(planned=2, planned_held=1, held=2, awaiting=1)


def test_areas_without_a_coordinator_at_the_end_of_the_period():
    review = _review()

    assert [row.area.key for row in review.without_coordinator] == ["tourism", "finance"]
    assert _review(end=D(2024, 12, 31), start=D(2024, 1, 1)).without_coordinator[0].area.key == (
        "finance"
    )


def test_areas_with_no_activity_in_twelve_months():
    assert [row.area.key for row in _review().quiet] == ["finance"]  # last: 2024-11-30
    # Seen from 2025-11-29, finance's activity of 2024-11-30 is within twelve months.
    assert [row.area.key for row in _review(end=D(2025, 11, 29)).quiet] == []
    assert [row.area.key for row in _review(end=D(2025, 11, 30)).quiet] == ["finance"]


def test_each_states_roles_and_activities():
    states = {row.state.code: row for row in _review().states}

    assert [a.key for a in states["KZ"].coordinates] == ["mil"]
    assert [a.key for a in states["CN"].co_coordinates] == ["mil"]
    assert states["CN"].coordinates == []  # its term ended in 2024
    assert [a.key for a in states["IN"].co_coordinates] == ["tourism"]
    assert (states["KZ"].hosted, states["KZ"].participated) == (1, 1)
    assert (states["CN"].hosted, states["CN"].participated) == (2, 1)
    assert (states["IN"].hosted, states["IN"].participated) == (0, 1)  # its own was returned
    assert (states["RU"].hosted, states["RU"].participated) == (0, 1)


def test_a_later_attested_coordinator_replaces_one_with_no_known_end():
    terms = [
        _term(1, KZ, "coordinator", D(2007, 10, 17)),
        _term(1, RU, "coordinator", D(2026, 1, 1)),
    ]

    assert [t.state.code for t in rules.current_roles(terms, D(2020, 1, 1))[1]["coordinator"]] == [
        "KZ"
    ]
    assert [t.state.code for t in rules.current_roles(terms, D(2026, 6, 1))[1]["coordinator"]] == [
        "RU"
    ]


@pytest.mark.parametrize(
    ("day", "first"),
    [
        (D(2025, 12, 31), D(2025, 1, 1)),
        (D(2024, 2, 29), D(2023, 3, 1)),
        (D(2025, 3, 1), D(2024, 3, 2)),
        (D(1, 1, 3), D(1, 1, 1)),  # no year 0: it was a ValueError, a 500 from the API
    ],
)
def test_twelve_months_before(day, first):
    assert rules.twelve_months_before(day) == first


# ---- on the reference data -------------------------------------------------------------------


def _roles(key: str, on: dt.date) -> tuple[list, list]:
    area = PriorityArea.objects.prefetch_related("coordinations__state").get(key=key)
    roles = rules.current_roles(area.coordinations.all(), on)[area.pk]
    return (
        [t.state.code for t in roles["coordinator"]],
        [t.state.code for t in roles["co_coordinator"]],
    )


def test_the_reference_coordinators(db):
    assert _roles("tourism", D(2026, 11, 23)) == (["TJ"], ["LK"])
    assert _roles("ict_security", D(2024, 6, 1)) == (["RU"], ["CN"])
    assert _roles("ict_security", D(2026, 11, 23)) == ([], [])  # the 2024-2025 term ended
    assert _roles("human", D(2020, 1, 1)) == (["KZ"], [])  # KZ volunteered in 2007
    assert _roles("human", D(2022, 1, 1)) == (["KZ"], ["CN"])  # CN from 2021-06-23
    assert _roles("human", D(2026, 11, 23)) == (["UZ"], ["CN", "IN", "KZ", "KG"])
    assert _roles("combating_illicit_drugs", D(2026, 11, 23)) == ([], [])


def test_the_review_on_the_reference_data_lists_the_areas_without_coordinator(db):
    review = queries.review(D(2026, 1, 1), D(2026, 11, 23))

    assert {row.area.key for row in review.without_coordinator} == {
        "combating_illicit_drugs",
        "ict_security",
        "epidemiological_safety",
        "sme",
        "information_technology",
        "energy_security",
        "finance",
        "natural_disaster_management",
        "environment_protection",
    }
    assert len(review.areas) == PriorityArea.objects.count() == 18


def test_a_validated_activity_counts_in_the_review(db, secretariat_officer):
    kz, cn = State.objects.get(code="KZ"), State.objects.get(code="CN")
    area = PriorityArea.objects.get(key="tourism")
    recorded = actions.record_activity(
        acting_user=secretariat_officer,
        area=area,
        kind="workshop",
        title="Workshop on tourism statistics",
        start_date=clock.today() - dt.timedelta(days=10),
        host_state=kz,
        participants=[cn],
    )
    before = queries.review()
    actions.validate_activity(acting_user=secretariat_officer, activity=recorded)
    after = queries.review()

    row_before = next(r for r in before.areas if r.area.key == "tourism")
    row_after = next(r for r in after.areas if r.area.key == "tourism")
    assert (row_before.figures.held, row_before.figures.awaiting) == (0, 1)
    assert (row_after.figures.held, row_after.figures.awaiting) == (1, 0)
    assert "tourism" not in {row.area.key for row in after.quiet}


# ---- assignment by a decision of the SOC -----------------------------------------------------


def test_an_adopted_decision_assigns_the_coordinator_and_closes_the_offer(db, secretariat_officer):
    from cica.accounts import actions as accounts
    from cica.decisions import actions as decisions
    from cica.registry.models import Body

    kz_delegate = accounts.create_user(
        acting_user=SYSTEM, username="kz-cbm", role="delegate", state_code="KZ"
    )
    area = PriorityArea.objects.get(key="finance")
    offer = actions.offer_to_coordinate(acting_user=kz_delegate, area=area, role="coordinator")
    draft = decisions.create_draft(
        acting_user=secretariat_officer,
        kind="assign_coordinator",
        title="Kazakhstan coordinates finance",
        text_en="The SOC assigns Kazakhstan as coordinator of the priority area Finance.",
        text_ru="",
        effect={"area": "finance", "state": "KZ", "role": "coordinator"},
    )
    procedure = decisions.open_silence_procedure(
        acting_user=secretariat_officer,
        version=draft.versions.get(),
        body=Body.objects.get(key="soc"),
        deadline=clock.now() + dt.timedelta(days=1),
    )
    with time_machine.travel(procedure.deadline + dt.timedelta(minutes=1)):
        decisions.settle_due_procedures()

    term = Coordination.objects.get(area=area, state__code="KZ")
    offer.refresh_from_db()
    assert (term.role, term.basis) == ("coordinator", "assigned")
    assert term.valid_from == term.decision.adopted_on
    assert term.decision.procedure == procedure
    assert offer.status == "assigned"
    assert _roles("finance", term.valid_from) == (["KZ"], [])


def test_a_draft_naming_an_unknown_area_is_refused_naming_the_field(db, secretariat_officer):
    from cica.core.errors import InvalidInput
    from cica.decisions import actions as decisions

    with pytest.raises(InvalidInput) as refused:
        decisions.create_draft(
            acting_user=secretariat_officer,
            kind="assign_coordinator",
            title="x",
            text_en="x",
            text_ru="",
            effect={"area": "nowhere", "state": "KZ"},
        )
    assert refused.value.field == "effect.area"
    assert not Activity.objects.exists()


# ---- the database's counts are the rules' counts ---------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_counts_in_sql_equal_the_rules_counts(db, seed, secretariat_officer):
    import random

    from cica.cbm.models import ImplementationPlan, PlannedEvent

    rng = random.Random(seed)
    areas = list(PriorityArea.objects.all())
    states = list(State.objects.order_by("code")[:12])
    day = lambda: D(2023, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365))  # noqa: E731
    plan = ImplementationPlan.objects.create(year=2025)
    events = [
        PlannedEvent.objects.create(plan=plan, area=rng.choice(areas), title=f"e{i}", date=day())
        for i in range(30)
    ]
    for i in range(150):
        start = day()
        activity = Activity.objects.create(
            area=rng.choice(areas),
            planned_event=rng.choice([None, None, *events]),
            kind="workshop",
            title=f"a{i}",
            start_date=start,
            end_date=start,
            host_state=rng.choice(states),
            status=rng.choice(["recorded", "validated", "validated", "returned"]),
            recorded_at=clock.now(),
            recorded_by=secretariat_officer,
        )
        activity.participants.set(rng.sample(states, rng.randrange(4)))
    start, end = D(2024, 6, 1), D(2025, 9, 30)

    in_sql = queries.tally(start, end)
    in_rules = rules.tally(
        start=start,
        end=end,
        planned_events=PlannedEvent.objects.all(),
        activities=Activity.objects.prefetch_related(
            Prefetch("participants", to_attr="participants_list")
        ),
    )

    nonzero = lambda figures: {k: f for k, f in figures.items() if f != rules.Figures()}  # noqa: E731
    assert nonzero(in_sql.by_area) == nonzero(in_rules.by_area) != {}
    assert in_sql.last_activity == in_rules.last_activity != {}
    assert in_sql.hosted == in_rules.hosted != {}
    assert in_sql.participated == in_rules.participated != {}
