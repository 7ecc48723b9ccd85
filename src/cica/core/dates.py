"""Partial dates as the sources give them: "2014", "2014-05" or "2014-05-20".

A date known only to the month or the year names a period, not a day: "member from 2014-05" may
have begun on any day of May 2014. Such a boundary is uncertain across its period (interval
semantics): on a day inside it the fact is possible but not certain, and what is shown for that
day says so ("approximate"). A record keeps both bounds of each boundary (see
cica.registry.models.Period).
"""

import calendar
import datetime as dt
import re

from django.db import models
from django.utils.translation import gettext_lazy as _

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
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            return dt.date(year, month, day), Precision.DAY
        if month is not None:
            return dt.date(year, month, 1), Precision.MONTH
        return dt.date(year, 1, 1), Precision.YEAR
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
