"""Pure rules of status: which status a party holds on a date. No database access.

queries.py computes the same in SQL for lists; a property test holds the two to agreement.
Boundaries known only to the month or year are intervals (cica.core.dates): on a day inside one,
a status is possible but not certain, and the answer says so (`approximate`).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from cica.registry.models import MembershipStatus

Status = MembershipStatus.Status

FORMER = "former"
# When a party holds several statuses on one day (the day an observer is admitted as a member,
# or an MoU partner that later became an observer), the strongest one is its status. The order of
# MembershipStatus.Status, whose stored `rank` the queries order by.
RANK: list[str] = [
    Status.MEMBER,
    Status.OBSERVER,
    Status.OBSERVER_APPLICANT,
    Status.PARTNER_ORGANIZATION,
    Status.MOU_PARTNER,
    Status.PARTNERSHIP,
    Status.COOPERATION_PROTOCOL,
    Status.COOPERATION_DECIDED,
    Status.GUEST,
]


class PeriodLike(Protocol):
    valid_from: dt.date | None
    from_latest: dt.date | None
    from_unknown: bool
    valid_to: dt.date | None
    to_earliest: dt.date | None
    to_unknown: bool


class StatusLike(PeriodLike, Protocol):
    status: str


def covers(record: PeriodLike, date: dt.date) -> bool:
    """Whether the record possibly covers `date` (both ends inclusive; the SQL of active_on)."""
    begun = not record.from_unknown if record.valid_from is None else record.valid_from <= date
    return begun and (record.valid_to is None or record.valid_to >= date)


def certainly_covers(record: PeriodLike, date: dt.date) -> bool:
    """Whether the record certainly covers `date` (the SQL of certain_on)."""
    start = record.from_latest or record.valid_from
    end = record.to_earliest or record.valid_to
    begun = start <= date if start is not None else not record.from_unknown
    lasting = end >= date if end is not None else not record.to_unknown
    return begun and lasting


@dataclass(frozen=True)
class StatusOnDate:
    status: str | None
    approximate: bool


def compute_status_on(statuses: Iterable[StatusLike], date: dt.date) -> StatusOnDate:
    """A party's status on `date`: its strongest possible status, "former" if all have ended;
    approximate when no record of that status certainly covers the day."""
    statuses = list(statuses)
    possible = [record for record in statuses if covers(record, date)]
    if possible:
        status = min(possible, key=lambda record: RANK.index(record.status)).status
        certain = any(r.status == status and certainly_covers(r, date) for r in possible)
        return StatusOnDate(status, not certain)
    if any(record.valid_to is not None and record.valid_to < date for record in statuses):
        return StatusOnDate(FORMER, False)
    return StatusOnDate(None, False)


def compute_status(statuses: Iterable[StatusLike], date: dt.date) -> str | None:
    """A party's status on `date` (see compute_status_on)."""
    return compute_status_on(statuses, date).status


def count_range(
    parties: Iterable[Iterable[StatusLike]], status: str, date: dt.date
) -> tuple[int, int]:
    """How many parties hold `status` on `date`, at the lowest and the highest.

    A party counts in the highest when the status is possible for it and no stronger status is
    certain; in the lowest when the status is certain and no stronger one possible: Qatar,
    member "from 2014-05", counts among the members on 2014-05-21 only in the highest.
    """
    stronger = set(RANK[: RANK.index(status)])
    low = high = 0
    for records in parties:
        possible = [r for r in records if covers(r, date)]
        certain = [r for r in possible if certainly_covers(r, date)]
        if any(r.status == status for r in possible) and not any(
            r.status in stronger for r in certain
        ):
            high += 1
            if any(r.status == status for r in certain) and not any(
                r.status in stronger for r in possible
            ):
                low += 1
    return low, high


def choose(records: list[Any], date: dt.date) -> Any:
    """Of the records that possibly cover `date` (a post's holders, the Chair's terms, the
    seats), the one to name: one that certainly covers it, else the one whose certain days lie
    nearest. It carries `approximate`: True unless it certainly covers the day.

    So Çınar Aldemir, Executive Director from 2010-06 with no known end, is not named in 2016
    when a source of that year names Gong Jianwei.
    """
    candidates = [r for r in records if covers(r, date)]
    if not candidates:
        return None

    def distance(record: PeriodLike) -> int:
        start = record.from_latest or record.valid_from
        end = record.to_earliest or record.valid_to
        if start is not None and date < start:
            return (start - date).days
        if end is not None and date > end:
            return (date - end).days
        return 0

    certain = [r for r in candidates if certainly_covers(r, date)]
    # Among equals, the latest to begin: the day a term hands over, the incoming one.
    best = min(
        certain or candidates,
        key=lambda r: (distance(r), -(r.valid_from or dt.date.min).toordinal()),
    )
    best.approximate = not certain
    return best
