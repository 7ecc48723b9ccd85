import datetime as dt

import pytest

from cica.core.dates import Precision, format_partial_date, parse_partial_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014-05-20", (dt.date(2014, 5, 20), Precision.DAY)),
        ("2014-05", (dt.date(2014, 5, 31), Precision.MONTH)),
        ("2024-02", (dt.date(2024, 2, 29), Precision.MONTH)),
        ("2010", (dt.date(2010, 12, 31), Precision.YEAR)),
    ],
)
def test_partial_dates_resolve_to_the_end_of_their_period(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "14-05-2014", "2014/05/20", "2014-13", "2014-02-30", "c.2014"]
)
def test_malformed_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


@pytest.mark.parametrize("text", ["2014", "2014-05", "2014-05-20"])
def test_a_partial_date_is_shown_as_precisely_as_it_was_given(text):
    assert format_partial_date(*parse_partial_date(text)) == text
