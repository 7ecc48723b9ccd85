import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from cica.core.dates import parse_partial_date
from cica.registry import queries, rules
from cica.registry.models import MembershipStatus
from cica.registry.reference import span
from tests import factories

Status = MembershipStatus.Status
D = dt.date


def entry(status, start=None, end=None, *, start_unknown=False, end_unknown=False):
    """A status record as the reference writer makes it from the data's partial dates."""
    return SimpleNamespace(
        status=status,
        **span(
            parse_partial_date(start) if start else None,
            parse_partial_date(end) if end else None,
            start_unknown,
            end_unknown,
        ),
    )


@pytest.mark.parametrize(
    ("entries", "date", "expected", "approximate"),
    [
        ([entry("member", "2002-06-04")], D(2002, 6, 3), None, False),
        ([entry("member", "2002-06-04")], D(2002, 6, 4), "member", False),
        # ROK: observer until the day it was admitted; on that day it is a member.
        (
            [entry("observer", "1999-09-14", "2006-06-17"), entry("member", "2006-06-17")],
            D(2006, 6, 17),
            "member",
            False,
        ),
        ([entry("observer", "1999-09-14", "2006-06-20")], D(2006, 6, 20), "observer", False),
        ([entry("observer", "1999-09-14", "2006-06-20")], D(2006, 6, 21), rules.FORMER, False),
        # Qatar (cica.yaml states[QA], seed-004): observer to "2014-05", member from "2014-05",
        # joined at the Fourth Summit of 20-21 May 2014, the day not stated. Any day of May may
        # be the day: a member at the Summit, but not certainly.
        (
            [entry("observer", "2008-08-25", "2014-05"), entry("member", "2014-05")],
            D(2014, 5, 21),
            "member",
            True,
        ),
        (
            [entry("observer", "2008-08-25", "2014-05"), entry("member", "2014-05")],
            D(2014, 4, 30),
            "observer",
            False,
        ),
        (
            [entry("observer", "2008-08-25", "2014-05"), entry("member", "2014-05")],
            D(2014, 6, 1),
            "member",
            False,
        ),
        # An MoU partner of unknown date (organizations[ECO]: "date not given") that later
        # became an observer: the relation is "date unknown", not valid on every past date.
        (
            [entry("mou_partner", start_unknown=True), entry("observer", "2019-06-14")],
            D(2020, 1, 1),
            "observer",
            False,
        ),
        (
            [entry("mou_partner", start_unknown=True), entry("observer", "2019-06-14")],
            D(2000, 1, 1),
            None,
            False,
        ),
        ([], D(2000, 1, 1), None, False),
    ],
)
def test_status_on_a_date(entries, date, expected, approximate):
    assert rules.compute_status_on(entries, date) == rules.StatusOnDate(expected, approximate)


def test_a_count_on_a_day_inside_an_uncertain_boundary_is_a_range():
    """Qatar and Bangladesh at the Fourth Summit (2014-05-21): Bangladesh certainly a member
    since 2014-05-20 (bd-mfa-2014), Qatar possibly (seed-004: "2014-05")."""
    parties = [
        [entry("member", "2002-06-04")],
        [entry("observer", "2010", "2014-05-20"), entry("member", "2014-05-20")],
        [entry("observer", "2008-08-25", "2014-05"), entry("member", "2014-05")],
    ]

    assert rules.count_range(parties, Status.MEMBER, D(2014, 5, 21)) == (2, 3)
    assert rules.count_range(parties, Status.OBSERVER, D(2014, 5, 21)) == (0, 1)
    assert rules.count_range(parties, Status.MEMBER, D(2014, 6, 1)) == (3, 3)


def test_a_term_without_a_known_end_is_not_named_where_a_source_names_another():
    """secretariat.heads: Çınar Aldemir from "2010-06", no end; Gong Jianwei attested 2016."""
    aldemir = SimpleNamespace(
        person="Aldemir", **span(parse_partial_date("2010-06"), None, True, True)
    )
    aldemir.valid_to = D(2013, 12, 31)  # the day before a source names the next holder
    gong = SimpleNamespace(person="Gong", **span(None, None, True, True))
    gong.valid_from, gong.from_latest, gong.to_earliest = (
        D(2010, 7, 1),
        D(2014, 12, 31),
        D(2018, 1, 1),
    )

    assert rules.choose([aldemir, gong], D(2016, 10, 28)).person == "Gong"
    chosen = rules.choose([aldemir, gong], D(2011, 1, 1))
    assert (chosen.person, chosen.approximate) == ("Aldemir", True)
    assert rules.choose([aldemir, gong], D(2010, 6, 30)).approximate is False


dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 12, 31))
partial = st.builds(
    lambda day, precision: day.isoformat()[: {"day": 10, "month": 7, "year": 4}[precision]],
    dates,
    st.sampled_from(["day", "month", "year"]),
)


@st.composite
def periods(draw):
    status = draw(st.sampled_from(rules.RANK))
    start, end = draw(st.one_of(st.none(), partial)), draw(st.one_of(st.none(), partial))
    if start and end and parse_partial_date(end)[0] < parse_partial_date(start)[0]:
        start, end = end, start
    return entry(
        status, start, end, start_unknown=draw(st.booleans()), end_unknown=draw(st.booleans())
    )


class TestSqlAgreesWithTheRule(TestCase):
    """The SQL that lists states on a date gives the status and the certainty the pure rule
    gives, whatever the precision of the boundaries."""

    @settings(max_examples=60, deadline=None)
    @given(histories=st.lists(st.lists(periods(), max_size=4), min_size=1, max_size=4), on=dates)
    def test_sql_and_rule_agree(self, histories, on):
        # given
        states = []
        for i, history in enumerate(histories):
            state = factories.StateFactory(code=factories.USER_ASSIGNED_CODES[i], status=None)
            for record in history:
                factories.StatusFactory(state=state, **vars(record))
            states.append(state)

        # when
        listed = {
            state.code: rules.StatusOnDate(state.status_on_date, state.approximate)
            for state in queries.list_states(as_of=on).filter(code__in=[s.code for s in states])
        }

        # then
        for state in states:
            expected = rules.compute_status_on(state.statuses.all(), on)
            assert listed.get(state.code, rules.StatusOnDate(None, False)) == expected
