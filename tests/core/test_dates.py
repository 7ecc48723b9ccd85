import datetime as dt

import pytest

from cica.core.dates import (
    Precision,
    bounds,
    format_partial_date,
    format_range,
    parse_partial_date,
    partial_dates_in,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected", "last"),
    [
        ("2014-05-20", (D(2014, 5, 20), Precision.DAY), D(2014, 5, 20)),
        ("2014-05", (D(2014, 5, 1), Precision.MONTH), D(2014, 5, 31)),
        ("2024-02", (D(2024, 2, 1), Precision.MONTH), D(2024, 2, 29)),
        ("2010", (D(2010, 1, 1), Precision.YEAR), D(2010, 12, 31)),
    ],
)
def test_a_partial_date_names_a_period_from_its_first_to_its_last_day(text, expected, last):
    """ "2014-05" is any day of May 2014, not its last day (interval semantics)."""
    assert parse_partial_date(text) == expected
    assert bounds(*expected) == (expected[0], last)


@pytest.mark.parametrize(
    "text", ["", "14-05-2014", "2014/05/20", "2014-13", "2014-02-30", "c.2014"]
)
def test_malformed_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


@pytest.mark.parametrize("text", ["2014", "2014-05", "2014-05-20"])
def test_a_partial_date_is_shown_as_precisely_as_it_was_given(text):
    assert format_partial_date(*parse_partial_date(text)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # secretariat.heads[Gong Jianwei].attested and deputies[Chi Fang].attested in cica.yaml
        ("c.2014-2018", ["2014", "2018"]),
        ("2021-08-17 (DED)", ["2021-08-17"]),
        ("2023-10 / 2024-03", ["2023-10", "2024-03"]),
        ("current s-cica page", []),
    ],
)
def test_the_dates_written_in_an_attestation_are_read_in_order(text, expected):
    assert [format_partial_date(*day) for day in partial_dates_in(text)] == expected


def test_a_count_known_to_a_range_reads_as_one():
    assert (format_range(25, 26), format_range(28, 28)) == ("25-26", "28")
