"""Partial dates as the sources give them: "2014", "2014-05" or "2014-05-20"."""

import calendar
import datetime as dt
import re

from django.db import models
from django.utils.translation import gettext_lazy as _

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Precision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


def parse_partial_date(text: str) -> tuple[dt.date, Precision]:
    """Resolve a partial date to the last day of its period, with its precision.

    The last day is the earliest day on which the source's statement is certainly true: Qatar,
    "member from 2014-05", is not counted on 2014-05-15, and a count "as of 2014-05" is taken at
    the end of May. Start and end dates resolve alike, so consecutive statuses still meet.
    Raises ValueError for anything else.
    """
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            return dt.date(year, month, day), Precision.DAY
        if month is not None:
            return dt.date(year, month, calendar.monthrange(year, month)[1]), Precision.MONTH
        return dt.date(year, 12, 31), Precision.YEAR
    except (ValueError, calendar.IllegalMonthError) as error:
        raise ValueError(f"{text!r} is not a date: {error}") from None


def format_partial_date(value: dt.date | None, precision: str) -> str:
    """The date as precisely as the source gives it, ISO style: "2014", "2014-05", "2014-05-20"."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return f"{value.year:04d}"
    if precision == Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
