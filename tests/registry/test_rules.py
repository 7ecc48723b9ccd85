import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from cica.registry import queries, rules
from cica.registry.models import MembershipStatus
from tests import factories

Status = MembershipStatus.Status


@dataclass
class Entry:
    status: str
    valid_from: dt.date | None
    valid_to: dt.date | None = None


D = dt.date


@pytest.mark.parametrize(
    ("entries", "date", "expected"),
    [
        ([Entry("member", D(2002, 6, 4))], D(2002, 6, 3), None),
        ([Entry("member", D(2002, 6, 4))], D(2002, 6, 4), "member"),
        # ROK: observer until the day it was admitted; on that day it is a member.
        (
            [Entry("observer", D(1999, 9, 14), D(2006, 6, 17)), Entry("member", D(2006, 6, 17))],
            D(2006, 6, 17),
            "member",
        ),
        ([Entry("observer", D(1999, 9, 14), D(2006, 6, 20))], D(2006, 6, 20), "observer"),
        ([Entry("observer", D(1999, 9, 14), D(2006, 6, 20))], D(2006, 6, 21), rules.FORMER),
        # An MoU partner of unknown date that later became an observer.
        (
            [Entry("mou_partner", None), Entry("observer", D(2019, 6, 14))],
            D(2020, 1, 1),
            "observer",
        ),
        (
            [Entry("mou_partner", None), Entry("observer", D(2019, 6, 14))],
            D(2000, 1, 1),
            "mou_partner",
        ),
        ([], D(2000, 1, 1), None),
    ],
)
def test_status_on_a_date(entries, date, expected):
    assert rules.compute_status(entries, date) == expected


dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 12, 31))


@st.composite
def periods(draw):
    status = draw(st.sampled_from(rules.RANK))
    start, end = draw(st.one_of(st.none(), dates)), draw(st.one_of(st.none(), dates))
    if start and end and end < start:
        start, end = end, start
    return status, start, end


class TestSqlAgreesWithTheRule(TestCase):
    """The SQL that lists states on a date gives the status the pure rule gives."""

    @settings(max_examples=60, deadline=None)
    @given(histories=st.lists(st.lists(periods(), max_size=4), min_size=1, max_size=4), on=dates)
    def test_sql_and_rule_agree(self, histories, on):
        # given
        states = []
        for i, history in enumerate(histories):
            state = factories.StateFactory(code=factories.USER_ASSIGNED_CODES[i], status=None)
            for status, start, end in history:
                factories.StatusFactory(state=state, status=status, valid_from=start, valid_to=end)
            states.append(state)

        # when
        listed = {
            state.code: state.status_on_date
            for state in queries.list_states(as_of=on).filter(code__in=[s.code for s in states])
        }

        # then
        for state in states:
            expected = rules.compute_status(state.statuses.all(), on)
            assert listed.get(state.code) == expected
