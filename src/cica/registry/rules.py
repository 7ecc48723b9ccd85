"""Pure rules of status: which status a party holds on a date. No database access.

queries.py computes the same in SQL for lists; a property test holds the two to agreement.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

from cica.registry.models import MembershipStatus

Status = MembershipStatus.Status

FORMER = "former"
# When a party holds several statuses on one day (the day an observer is admitted as a member,
# or an MoU partner that later became an observer), the strongest one is its status. The order of
# MembershipStatus.Status, whose stored `rank` the queries order by.
RANK = [
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


class StatusLike(Protocol):
    status: str
    valid_from: dt.date | None
    valid_to: dt.date | None


def covers(record: StatusLike, date: dt.date) -> bool:
    """Both ends are inclusive; an unknown start or end is open."""
    return (record.valid_from is None or record.valid_from <= date) and (
        record.valid_to is None or record.valid_to >= date
    )


def compute_status(statuses: Iterable[StatusLike], date: dt.date) -> str | None:
    """A party's status on `date`: its strongest active status, "former" if all have ended."""
    statuses = list(statuses)
    active = [record for record in statuses if covers(record, date)]
    if active:
        return min(active, key=lambda record: RANK.index(record.status)).status
    if any(record.valid_to is not None and record.valid_to < date for record in statuses):
        return FORMER
    return None
