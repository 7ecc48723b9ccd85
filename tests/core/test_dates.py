import datetime as dt

import pytest
from django import forms
from ninja import Schema
from pydantic import ValidationError as PydanticValidationError

from cica.core.dates import (
    IsoDate,
    IsoDateField,
    Precision,
    bounds,
    format_partial_date,
    format_range,
    parse_iso_date,
    parse_partial_date,
    partial_dates_in,
)
from cica.core.errors import InvalidInput

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


# ---- IsoDate: the one parser of dates that come from outside ---------------------------------


class _Dated(Schema):
    day: IsoDate
    maybe: IsoDate | None = None


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-30",  # no such day
        "2024-5-20",
        "20240520",
        "2024-W21-1",
        "2024-05-20T00:00",
        "2024-05-20 ",
        "2024-05-20\n",
        "２０２４-05-20",  # digits of another script
        "",
        "yesterday",
        0,
        1716163200,
        dt.datetime(2024, 5, 20),
    ],
)
def test_iso_date_refuses_all_but_a_day_written_yyyy_mm_dd(value):
    with pytest.raises(InvalidInput) as refused:
        parse_iso_date(value, field="as_of")
    with pytest.raises(PydanticValidationError) as invalid:
        _Dated(day=value)

    assert refused.value.field == "as_of"
    assert str(refused.value.message) == "Not a date of the form YYYY-MM-DD."
    assert invalid.value.errors()[0]["msg"] == "Not a date of the form YYYY-MM-DD."
    assert invalid.value.errors()[0]["loc"] == ("day",)


@pytest.mark.parametrize("value", ["2024-05-20", D(2024, 5, 20)])
def test_iso_date_reads_a_day(value):
    assert parse_iso_date(value, field="as_of") == D(2024, 5, 20)
    assert _Dated(day=value).day == D(2024, 5, 20)


def test_iso_date_is_declared_a_date_in_the_json_schema():
    schema = _Dated.model_json_schema()["properties"]

    assert schema["day"]["type"] == "string"
    assert schema["day"]["format"] == "date"
    assert {"type": "string", "format": "date"}.items() <= schema["maybe"]["anyOf"][0].items()


def test_a_query_parameter_that_is_not_a_day_is_a_422_naming_it(db, client):
    response = client.get("/api/v1/cbm/review", {"from": "2024-02-30"})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "from", "message": "Not a date of the form YYYY-MM-DD."}
    ]


def test_a_form_reads_its_dates_as_iso_days_only():
    class Form(forms.Form):
        day = IsoDateField(required=False)

    assert Form({"day": "2024-05-20"}).is_valid()
    assert Form({"day": ""}).is_valid()
    refused = Form({"day": "05/20/2024"})
    assert not refused.is_valid()
    assert refused.errors["day"] == ["Not a date of the form YYYY-MM-DD."]
