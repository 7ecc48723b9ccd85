"""Figures on a date: counts derived from the status histories, and the counts sources reported."""

import datetime as dt

from django.db.models import QuerySet

from cica.core import clock, dates
from cica.core.cache import cached_read
from cica.registry import rules
from cica.registry.models import MembershipStatus, ReportedCount
from cica.registry.queries.offices import current_chair, head_of_secretariat

Status = MembershipStatus.Status


# What a cached read of the registry reads (core.cache.cached_read): its records, and the
# decisions whose effects change them.
CACHE_READS = ("registry", "decisions.decision")


def count_on(date: dt.date) -> dict[str, int]:
    """Key counts on `date`, derived from the status histories: each the highest possible (the
    number a list of that status shows); count_ranges gives the lowest too."""
    return {name: high for name, (_low, high) in count_ranges(date).items()}


def _statuses_by_party() -> dict[tuple[str, int], list[MembershipStatus]]:
    """Every status record, by party: ("state", pk) or ("organization", pk). One query."""
    by_party: dict[tuple[str, int], list[MembershipStatus]] = {}
    for status in MembershipStatus.objects.only(
        "state_id",
        "organization_id",
        "status",
        "valid_from",
        "from_latest",
        "from_unknown",
        "valid_to",
        "to_earliest",
        "to_unknown",
    ):
        party: tuple[str, int]
        if status.state_id:
            party = ("state", status.state_id)
        else:
            assert status.organization_id, "one party or the other (registry_status_one_party)"
            party = ("organization", status.organization_id)
        by_party.setdefault(party, []).append(status)
    return by_party


def _ranges(by_party, days: list[dt.date]) -> dict[str, tuple[int, int]]:
    """The lowest and highest each count can be on any of `days` (rules.count_range)."""
    kinds = {
        "members": ("state", Status.MEMBER),
        "observer_states": ("state", Status.OBSERVER),
        "observer_organizations": ("organization", Status.OBSERVER),
    }
    ranges = {}
    for name, (kind, status) in kinds.items():
        parties = [records for (party, _pk), records in by_party.items() if party == kind]
        lows, highs = zip(*(rules.count_range(parties, status, day) for day in days), strict=True)
        ranges[name] = (min(lows), max(highs))
    return ranges


def _change_days(by_party, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days from `first` to `last` on which some count may change: its ends and each
    boundary inside. Counts hold between them, so these are all the days to evaluate."""
    days = {first, last}
    for records in by_party.values():
        for record in records:
            for day in (record.valid_from, record.from_latest):
                if day and first <= day <= last:
                    days.add(day)
            for day in (record.to_earliest, record.valid_to):
                if day and first <= day < last:
                    days.add(day + dt.timedelta(days=1))
    return sorted(days)


def count_ranges(date: dt.date) -> dict[str, tuple[int, int]]:
    """Each key count on `date` as (lowest, highest): equal unless a status on that day is known
    only to its month or year, when the count is a range ("25-26" on 2014-05-21)."""
    return _ranges(_statuses_by_party(), [date])


def list_reported_counts() -> QuerySet[ReportedCount]:
    return ReportedCount.objects.prefetch_related("sources").order_by("as_of", "position")


def key_figures(date: dt.date) -> dict:
    """The home page's figures on `date`: counts (the highest) and their ranges (low, high), the
    Chair and the head of the Secretariat."""
    return _key_figures(None if date == clock.today() else date)


@cached_read("registry.key_figures", reads=CACHE_READS, kept=True)
def _key_figures(date: dt.date | None = None) -> dict:
    """key_figures on `date`, today's by default; kept current by the worker (core.kept), as
    the registry changes (decisions change it through their effects)."""
    date = date or clock.today()
    ranges = count_ranges(date)
    return {
        **{name: high for name, (_low, high) in ranges.items()},
        "ranges": ranges,
        "chair": current_chair(date),
        "head_of_secretariat": head_of_secretariat(date),
    }


def compare_reported_counts() -> list[dict]:
    """Each count a source reported, beside the range the registry derives for that date.

    A count "as of 2014-05" was taken on some day of May 2014: the derived range spans every
    day of the period, and a reported count within it matches. A fixed number of queries
    whatever the number of rows: statuses are evaluated in Python with the same rules the SQL
    implements.
    """
    by_party = _statuses_by_party()
    rows = []
    for reported in list_reported_counts():
        first, last = dates.bounds(reported.as_of, reported.as_of_precision)
        ranges = _ranges(by_party, _change_days(by_party, first, last))
        ranges["observer_orgs"] = ranges.pop("observer_organizations")
        ranges["observers_states_and_orgs"] = (
            ranges["observer_states"][0] + ranges["observer_orgs"][0],
            ranges["observer_states"][1] + ranges["observer_orgs"][1],
        )
        rows.append(
            {
                "reported": reported,
                "derived": {key: dates.format_range(*pair) for key, pair in ranges.items()},
                "matches": {
                    key: low <= getattr(reported, key) <= high
                    for key, (low, high) in ranges.items()
                    if getattr(reported, key) is not None
                },
            }
        )
    return rows
