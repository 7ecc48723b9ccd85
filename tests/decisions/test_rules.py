import datetime as dt

import pytest

from cica.decisions import rules

T = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
MS = dt.timedelta(milliseconds=1)


@pytest.mark.parametrize(
    ("now", "broken", "withdrawn", "expected"),
    [
        (T - MS, False, False, "open"),
        (T, False, False, "adopted"),
        (T + MS, False, False, "adopted"),
        (T - MS, True, False, "broken"),
        (T + MS, True, False, "broken"),
        (T - MS, False, True, "withdrawn"),
    ],
)
def test_silence_status_is_derived_from_time(now, broken, withdrawn, expected):
    status = rules.procedure_status(
        kind="silence", now=now, deadline=T, broken=broken, withdrawn=withdrawn
    )

    assert status == expected


def test_silence_is_broken_only_strictly_before_the_deadline():
    assert rules.can_break_silence(T - MS, T)
    assert not rules.can_break_silence(T, T)


@pytest.mark.parametrize(("members", "needed"), [(28, 19), (27, 18), (3, 2), (1, 1)])
def test_quorum_is_two_thirds_rounded_up(members, needed):
    assert rules.quorum(members) == needed


@pytest.mark.parametrize(
    ("present", "objecting", "outcome"),
    [
        (28, 0, "adopted"),
        (19, 0, "adopted"),
        (18, 0, ""),
        (28, 1, "not_adopted"),
        (5, 2, "not_adopted"),
    ],
)
def test_meeting_outcome(present, objecting, outcome):
    assert (
        rules.meeting_outcome(members=28, present=present, objecting=objecting).outcome == outcome
    )


def test_symbols_name_the_body_year_and_number():
    assert rules.symbol("soc", 2026, 3) == "CICA/SOC/DEC/2026/3"
    assert rules.symbol("ministerial", 2024, 1) == "CICA/MC/DEC/2024/1"


def test_the_content_hash_is_canonical():
    a = {"title": "Заявление", "number": 1}
    b = {"number": 1, "title": "Заявление"}

    assert rules.content_hash(a) == rules.content_hash(b)
    assert rules.content_hash(a) != rules.content_hash({**a, "number": 2})
