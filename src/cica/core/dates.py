"""Dates as input gives them (IsoDate: a day as YYYY-MM-DD, and only that), and partial dates
as the sources give them: "2014", "2014-05" or "2014-05-20".

A date known only to the month or the year names a period, not a day: "member from 2014-05" may
have begun on any day of May 2014. Such a boundary is uncertain across its period (interval
semantics): on a day inside it the fact is possible but not certain, and what is shown for that
day says so ("approximate"). A record keeps both bounds of each boundary (see
cica.registry.models.Period).
"""

import calendar
import datetime as dt
import re
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from cica.core.errors import InvalidInput

# The form before the day is checked: fromisoformat alone also reads "20240520" and
# "2024-W21-1". ASCII digits only, as \d means in JSON Schema (Python's reads any script's).
ISO_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_ISO_DATE = re.compile(ISO_DATE_PATTERN, re.ASCII)
NOT_A_DATE = _("Not a date of the form YYYY-MM-DD.")


def parse_iso_date(value: Any, *, field: str) -> dt.date:
    """A day written YYYY-MM-DD (a real day: 2023-02-30 is none), or InvalidInput naming `field`.

    The one parser of dates that come from outside: API bodies and query parameters (IsoDate),
    forms (IsoDateField), commands. A dt.date passes as it is; anything else (a datetime, a
    number of seconds, "2024-5-1", "20240501") is refused, never read as some other day.
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInput(NOT_A_DATE, field=field)


def _validate_iso_date(value: Any) -> dt.date:
    try:
        return parse_iso_date(value, field="")
    except InvalidInput as error:
        # A custom error: pydantic's ValueError would prefix "Value error, " to the message. The
        # API's handler names the field from where pydantic located the error.
        raise PydanticCustomError("date", str(error.message)) from None


# A day as YYYY-MM-DD, as a field of a ninja Schema or a query parameter: the handler receives a
# dt.date, and anything else is a 422 naming the field. pydantic's own dt.date would also take
# 0 for 1970-01-01 and "2024-05-20T00:00" for a day.
IsoDate = Annotated[
    dt.date,
    PlainValidator(_validate_iso_date),
    WithJsonSchema(
        {"type": "string", "format": "date", "pattern": ISO_DATE_PATTERN, "maxLength": 10}
    ),
]


class IsoDateField(forms.DateField):
    """A form's date, read by parse_iso_date (what a browser's date input sends), never by the
    locale's formats ("05/06/2024" is not guessed at)."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_error_messages = {"invalid": NOT_A_DATE}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            value = value.strip()
        try:
            return parse_iso_date(value, field=str(self.label or ""))
        except InvalidInput:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# A partial date inside a text ("c.2014-2018", "2021-08-17 (DED)"): a year not followed by a
# month is not read as "2014-20".
_PARTIAL_DATE_IN_TEXT = re.compile(r"\b\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?\b")


class Precision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


def parse_partial_date(text: str) -> tuple[dt.date, Precision]:
    """The first day of the period a partial date names, with its precision.

    Raises ValueError for anything else. `bounds` gives the period's last day.
    """
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)), Precision.DAY
        if month:
            return dt.date(int(year), int(month), 1), Precision.MONTH
        return dt.date(int(year), 1, 1), Precision.YEAR
    except ValueError as error:
        raise ValueError(f"{text!r} is not a date: {error}") from None


def partial_dates_in(text: str) -> list[tuple[dt.date, Precision]]:
    """Every partial date written in a text, in order ("c.2014-2018" gives 2014 and 2018)."""
    found = []
    for token in _PARTIAL_DATE_IN_TEXT.findall(text or ""):
        try:
            found.append(parse_partial_date(token))
        except ValueError:
            continue
    return found


def bounds(value: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The first and the last day of the period a partial date names."""
    if precision == Precision.YEAR:
        return dt.date(value.year, 1, 1), dt.date(value.year, 12, 31)
    if precision == Precision.MONTH:
        last = calendar.monthrange(value.year, value.month)[1]
        return value.replace(day=1), value.replace(day=last)
    return value, value


def format_partial_date(value: dt.date | None, precision: str) -> str:
    """The date as precisely as the source gives it, ISO style: "2014", "2014-05", "2014-05-20"."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return f"{value.year:04d}"
    if precision == Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def format_range(low: int, high: int) -> str:
    """A count known to a range: "25-26", or "28" when it is exact."""
    return str(low) if low == high else f"{low}-{high}"
