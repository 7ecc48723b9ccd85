"""Entry into force counts states, not acts (fsou-secr-2).

The Agreement on the Secretariat "enters into force on the 30th day after two-thirds of signatory
Member States notify the depositary of completion of internal procedures" (fsou-secr-2): each
signatory counts once, on the day of its first notification; a ratification (KZ, seed-004) or an
approval (CN, prc-sc-2007) is not a notification. A date known only to the month (KZ ratified
"2007-02", seed-004) leaves the day uncertain across the month.
"""

import datetime as dt
import math
from dataclasses import dataclass

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from cica.core import dates
from cica.documents import actions, rules
from cica.documents.models import Document, TreatyAction
from cica.registry.models import State
from tests.conftest import bearer_client

D = dt.date
AGREEMENT = "secretariat-agreement"
NOTIFICATION = ("notification",)  # the act the Agreement's clause counts (fsou-secr-2)


@dataclass(frozen=True)
class Act:
    state_id: str
    kind: str
    date: dt.date | None
    date_precision: str = "day"


def _agreement(acts, counted_kinds=NOTIFICATION):
    """The Agreement's clause (fsou-secr-2): two thirds of the signatories, the 30th day after."""
    return rules.compute_entry_into_force(
        actions=acts, counted_kinds=counted_kinds, numerator=2, denominator=3, days=30
    )


SIGNED = D(2006, 6, 17)  # the Agreement signed at the Second Summit (seed-004)


def _signed(states):
    return [Act(state, "signature", SIGNED) for state in states]


STATES = [f"S{n:02d}" for n in range(18)]  # the Agreement's 18 signatories (2006-06-17)


# ---- the arithmetic ----------------------------------------------------------------------------


def test_a_state_that_ratifies_and_notifies_counts_once():
    """11 states ratify and notify, KZ and CN only ratify or approve: 24 acts, 11 states. The old
    arithmetic (one count per act) had the Agreement in force; 11 of the 12 needed do not."""
    # given
    acts = _signed(STATES)
    for n, state in enumerate(STATES[:11]):
        acts.append(Act(state, "ratification", D(2007, 1, 1) + dt.timedelta(days=n)))
        acts.append(Act(state, "notification", D(2008, 1, 1) + dt.timedelta(days=n)))
    acts.append(Act(STATES[11], "ratification", D(2007, 2, 28)))
    acts.append(Act(STATES[12], "approval", D(2007, 4, 14)))
    every_consent = [a for a in acts if a.kind in rules.CONSENTS + NOTIFICATION]
    assert len(every_consent) >= 12  # what the old arithmetic counted

    # when
    eif = _agreement(acts)

    # then
    assert (eif.counted, eif.needed, eif.signatories) == (11, 12, 18)
    assert (eif.earliest, eif.latest) == (None, None)
    assert eif.states[STATES[0]].act.kind == "notification"
    assert eif.states[STATES[11]].reason == rules.NO_COUNTED_ACT


def test_the_twelfth_notification_puts_the_agreement_in_force_on_the_30th_day_after():
    acts = _signed(STATES) + [
        Act(state, "notification", D(2008, 1, 1) + dt.timedelta(days=n))
        for n, state in enumerate(STATES[:11])
    ]
    twelfth = Act(STATES[11], "notification", D(2009, 5, 20))

    eif = _agreement([*acts, twelfth])

    assert (eif.counted, eif.needed) == (12, 12)
    assert eif.in_force_on == D(2009, 6, 19)
    assert not eif.approximate
    assert eif.in_force(D(2009, 6, 19)) and not eif.in_force(D(2009, 6, 18))


def test_a_notification_known_to_the_month_makes_the_entry_into_force_an_interval():
    """The 12th state notified in "2010-03" (stored, as partial dates are, on one day of the
    month): the Agreement entered into force between 31 March and 30 April 2010."""
    acts = _signed(STATES) + [Act(state, "notification", D(2008, 1, 1)) for state in STATES[:11]]

    eif = _agreement([*acts, Act(STATES[11], "notification", D(2010, 3, 31), "month")])

    assert (eif.earliest, eif.latest) == (D(2010, 3, 31), D(2010, 4, 30))
    assert eif.approximate
    assert eif.in_force_on is None
    assert not eif.in_force(D(2010, 4, 15)) and eif.in_force(D(2010, 4, 30))


@pytest.mark.parametrize(
    ("withdrawal", "expected"),
    [
        (D(2007, 6, 1), D(2009, 6, 19)),  # withdrew before it notified: its notification waits
        (D(2008, 6, 1), D(2009, 6, 19)),  # withdrew before the 12th: no longer counted
        (D(2009, 12, 1), D(2008, 7, 1)),  # withdrew once in force: in force it stays
    ],
)
def test_a_withdrawal_before_the_count_is_reached_leaves_the_state_uncounted(withdrawal, expected):
    acts = _signed(STATES) + [Act(state, "notification", D(2008, 1, 1)) for state in STATES[:11]]
    acts += [
        Act(STATES[11], "notification", D(2008, 6, 1)),
        Act(STATES[0], "withdrawal", withdrawal),
        Act(STATES[12], "notification", D(2009, 5, 20)),
    ]

    eif = _agreement(acts)

    assert eif.in_force_on == expected
    assert eif.states[STATES[0]].reason == rules.WITHDRAWN


def test_a_non_signatory_does_not_count():
    acts = [*_signed(STATES[:3]), Act("XX", "notification", D(2008, 1, 1))]

    eif = _agreement(acts)

    assert (eif.counted, eif.signatories) == (0, 3)
    assert eif.states["XX"].reason == rules.NOT_A_SIGNATORY


@pytest.mark.parametrize(
    ("day", "precision", "period"),
    [
        (D(2007, 2, 28), "month", (D(2007, 2, 1), D(2007, 2, 28))),
        (D(2007, 2, 1), "month", (D(2007, 2, 1), D(2007, 2, 28))),
        (D(2008, 2, 15), "month", (D(2008, 2, 1), D(2008, 2, 29))),
        (D(2007, 12, 31), "year", (D(2007, 1, 1), D(2007, 12, 31))),
        (D(2007, 4, 14), "day", (D(2007, 4, 14), D(2007, 4, 14))),
    ],
)
def test_the_period_of_a_partial_date(day, precision, period):
    assert dates.bounds(day, precision) == period


# ---- properties --------------------------------------------------------------------------------

kinds = st.sampled_from(["notification", "ratification", "approval", "signature"])
days = st.dates(min_value=D(2006, 6, 17), max_value=D(2012, 12, 31))
precisions = st.sampled_from(["day", "month", "year"])


@st.composite
def histories(draw, with_withdrawals=False, partial=False):
    """Signatories (and some non-signatories) each with any number of acts of any kind."""
    signatories = draw(st.integers(min_value=1, max_value=9))
    states = [f"S{n}" for n in range(signatories + draw(st.integers(0, 2)))]
    acts = _signed(states[:signatories])
    for state in states:
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(
                st.sampled_from(
                    ["notification", "ratification", "approval", "signature", "withdrawal"]
                )
                if with_withdrawals
                else kinds
            )
            acts.append(Act(state, kind, draw(days), draw(precisions) if partial else "day"))
    return acts


@given(histories(), st.integers(0, 3))
@settings(max_examples=200, deadline=None)
def test_a_state_counts_once_and_the_treaty_enters_into_force_with_the_nth_state(acts, repeat):
    """Whatever acts a state makes, it counts once, on its first notification; the treaty is in
    force on the 30th day after the Nth distinct state's, N = ceil(2/3 of the signatories)."""
    # given: each state's acts, some of them repeated later
    repeated = acts + [
        Act(a.state_id, a.kind, a.date + dt.timedelta(days=7 * r))
        for a in acts
        for r in range(repeat)
    ]
    signatories = {a.state_id for a in acts if a.kind == "signature"}
    firsts = sorted(
        min(a.date for a in acts if a.state_id == state and a.kind == "notification")
        for state in signatories
        if any(a.state_id == state and a.kind == "notification" for a in acts)
    )
    needed = math.ceil(len(signatories) * 2 / 3)

    # when
    eif = _agreement(repeated)

    # then
    assert eif.counted == len(firsts) <= len(signatories)
    assert eif.needed == needed
    expected = firsts[needed - 1] + dt.timedelta(days=30) if len(firsts) >= needed else None
    assert eif.in_force_on == expected == eif.earliest == eif.latest
    counted = [s for s in eif.states.values() if s.counted]
    assert all(s.act.kind == "notification" for s in counted)


@given(histories(with_withdrawals=True, partial=True), st.randoms(use_true_random=False))
@settings(max_examples=200, deadline=None)
def test_the_interval_holds_every_day_the_partial_dates_can_be(acts, random):
    """Resolve every partial date to any one day of its period: the entry into force computed
    from those days lies within the interval computed from the partial dates."""
    # given
    eif = _agreement(acts)
    resolved = []
    for act in acts:
        first, last = dates.bounds(act.date, act.date_precision)
        day = first + dt.timedelta(days=random.randint(0, (last - first).days))
        resolved.append(Act(act.state_id, act.kind, day))

    # when
    exact = _agreement(resolved)

    # then
    if eif.earliest is None:
        assert exact.in_force_on is None
    elif exact.in_force_on is not None:
        assert eif.earliest <= exact.in_force_on
        assert eif.latest is None or exact.in_force_on <= eif.latest
    if eif.latest is not None:
        assert exact.in_force_on is not None and exact.in_force_on <= eif.latest


# ---- the register: API and pages ---------------------------------------------------------------


@pytest.fixture
def officer(secretariat_officer):
    return bearer_client(secretariat_officer)


def _signatories() -> list[str]:
    agreement = Document.objects.get(key=AGREEMENT)
    return sorted(agreement.actions.filter(kind="signature").values_list("state__code", flat=True))


def _record(officer, state, kind, date):
    response = officer.post(
        f"/api/v1/documents/{AGREEMENT}/actions",
        {"state": state, "kind": kind, "date": date.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def _eleven_states_notify(officer) -> list[str]:
    """11 signatories ratify and notify, the rest of the first 13 only ratify (fsou-secr-2)."""
    states = [s for s in _signatories() if s not in ("KZ", "CN")]  # KZ, CN: seed-004, prc-sc-2007
    for n, state in enumerate(states[:13]):
        _record(officer, state, "ratification", D(2008, 1, 1) + dt.timedelta(days=n))
        if n < 11:
            _record(officer, state, "notification", D(2009, 1, 1) + dt.timedelta(days=n))
    return states


def test_the_api_shows_11_of_12_states_where_acts_were_counted_before(db, officer):
    # given
    _eleven_states_notify(officer)

    # when
    status = Client().get(f"/api/v1/documents/{AGREEMENT}/status").json()

    # then
    eif = status["entry_into_force"]
    acts = [a for row in status["states"] for a in row["actions"] if a["kind"] != "signature"]
    assert len(acts) >= 12 * 2  # the old arithmetic: in force
    assert (eif["in_force"], eif["counted"], eif["needed"]) == (False, 11, 12)
    assert (eif["earliest"], eif["in_force_on"]) == (None, None)
    assert Client().get(f"/api/v1/documents/{AGREEMENT}").json()["status"] == "adopted"


def test_the_api_shows_which_act_of_a_state_counted_and_which_did_not(db, officer):
    states = _eleven_states_notify(officer)

    status = Client().get(f"/api/v1/documents/{AGREEMENT}/status").json()

    rows = {row["state"]: row for row in status["states"]}
    first = rows[states[0]]
    assert (first["counted"], first["counted_on"], first["not_counted"]) == (
        True,
        "2009-01-01",
        None,
    )
    assert {a["kind"]: a["counted"] for a in first["actions"]} == {
        "signature": False,
        "ratification": False,
        "notification": True,
    }
    assert (rows[states[12]]["counted"], rows[states[12]]["not_counted"]) == (
        False,
        "no_counted_act",
    )
    assert (rows["KZ"]["counted"], rows["KZ"]["not_counted"]) == (False, "no_counted_act")


def test_the_twelfth_notification_puts_it_in_force_in_the_api_and_the_list(db, officer):
    # given
    states = _eleven_states_notify(officer)

    # when
    status = _record(officer, states[11], "notification", D(2010, 5, 20))

    # then
    eif = status["entry_into_force"]
    assert (eif["in_force"], eif["counted"], eif["needed"]) == (True, 12, 12)
    assert eif["in_force_on"] == eif["earliest"] == eif["latest"] == "2010-06-19"
    assert eif["approximate"] is False
    listed = Client().get("/api/v1/documents", {"status": "in_force", "page_size": 200}).json()
    assert AGREEMENT in {item["id"] for item in listed["items"]}


def test_a_notification_known_to_the_month_is_shown_as_approximate(db, client, officer):
    # given: the 12th notification known only to the month, as seed-004 gives KZ's ratification
    states = _eleven_states_notify(officer)
    agreement = Document.objects.get(key=AGREEMENT)
    TreatyAction.objects.create(
        document=agreement,
        state=State.objects.get(code=states[11]),
        kind="notification",
        date=D(2010, 3, 31),
        date_precision="month",
    )
    actions.refresh_entry_into_force(agreement)

    # when
    eif = client.get(f"/api/v1/documents/{AGREEMENT}/status").json()["entry_into_force"]
    page = client.get(f"/en/documents/{AGREEMENT}/").content.decode()

    # then
    assert (eif["earliest"], eif["latest"], eif["approximate"]) == (
        "2010-03-31",
        "2010-04-30",
        True,
    )
    assert eif["in_force_on"] is None
    assert "between March 31, 2010 and April 30, 2010 (approximate)" in page


def test_the_page_shows_the_count_and_what_counted(db, client, officer):
    states = _eleven_states_notify(officer)

    page = client.get(f"/en/documents/{AGREEMENT}/").content.decode()

    assert "Not in force: 11 of 12 states" in page
    assert "Counted: notification to the depositary, Jan. 1, 2009" in page
    assert "(not counted)" in page  # each ratification
    assert page.count("Not counted: no notification to the depositary recorded") == 18 - 11
    assert f'href="/en/states/{states[0]}/"' in page


def test_the_matrix_shows_per_state_which_act_counted_and_the_count(db, client, officer):
    # given
    states = _eleven_states_notify(officer)
    _record(officer, states[11], "notification", D(2010, 5, 20))

    # when
    page = client.get("/en/documents/status/").content.decode()
    csv = client.get("/api/v1/documents/matrix.csv").content.decode().splitlines()

    # then
    assert "In force since June 19, 2010; 12 of 12 states counted" in page
    assert "notification to the depositary, Jan. 1, 2009 <strong>(counted)</strong>" in page
    assert "ratification, Jan. 1, 2008 <strong>(not counted)</strong>" in page
    header = csv[0].split(",")
    row = next(line for line in csv if line.startswith(f"{states[0]},")).split(",")
    assert row[header.index(AGREEMENT)] == (
        "signed 2006-06-17; ratification 2008-01-01 (not counted);"
        " notification 2009-01-01 (counted)"
    )


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_matrix_and_the_agreement_say_not_in_force(db, client, language):
    """In the reference data no state has notified the depositary: 0 of 12."""
    for path in ("documents/status/", f"documents/{AGREEMENT}/"):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200
    english = client.get(f"/en/documents/{AGREEMENT}/").content.decode()
    assert "Not in force: 0 of 12 states" in english
