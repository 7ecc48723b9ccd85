"""The clock and time zones: every read of "now" goes through here, so tests can move it."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

# Astana keeps Kazakhstan's single time zone, named "Asia/Almaty" in the tz database.
ASTANA = ZoneInfo("Asia/Almaty")


def now() -> dt.datetime:
    """The current instant, timezone-aware, in UTC."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in Astana, where the Secretariat sits."""
    return now().astimezone(ASTANA).date()
