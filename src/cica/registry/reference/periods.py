"""The Period fields of records from the file's partial dates, post holders' terms included."""

import datetime as dt
from typing import Any

from cica.core import dates


def period_of(record, *, start_unknown: bool = False, end_unknown: bool = False) -> dict:
    """The Period fields of a record whose `valid_from` and `valid_to` are partial dates.

    Each boundary spans its period: "from 2014-05" may have begun on any day of May 2014. A
    missing start is unknown when `start_unknown` (a relation no source dates), else open; a
    missing end is unknown when `end_unknown` (a term no source ends), else open.
    """
    return span(record.valid_from, record.valid_to, start_unknown, end_unknown)


def span(start, end, start_unknown: bool = False, end_unknown: bool = False) -> dict[str, Any]:
    """The Period fields from partial dates (first day, precision), either of them None."""
    fields: dict[str, Any] = {
        "from_unknown": start is None and start_unknown,
        "to_unknown": end is None and end_unknown,
    }
    if start:
        first, last = dates.bounds(*start)
        fields |= {"valid_from": first, "from_precision": start[1], "from_latest": last}
    else:
        fields |= {"valid_from": None, "from_precision": "day", "from_latest": None}
    if end:
        first, last = dates.bounds(*end)
        fields |= {"valid_to": last, "to_precision": end[1], "to_earliest": first}
    else:
        # An unknown end: in office at least on the day it certainly began.
        lasted = fields["from_latest"] if fields["to_unknown"] else None
        fields |= {"valid_to": None, "to_precision": "day", "to_earliest": lasted}
    return fields


def holder_spans(holders) -> list[dict]:
    """The Period fields of a post's holders, listed in the order they served.

    A term whose end no source gives is "end unknown", not "present" and not "until the next
    holder": the holder was in office at least until the last date a source attests it, and at
    the latest until the day before the next holder's first date (the day a source names
    another). A holder known only from attestations (Gong Jianwei: "c.2014-2018", seed-004)
    began at the latest on the first one, at the earliest the day after the previous holder is
    last known in office.
    """
    known = []  # per holder: the first and last days it was certainly in office, attestations
    for holder in holders:
        attested = _attested(holder)
        first = last = None
        if holder.valid_from:
            first = dates.bounds(*holder.valid_from)[1]
        elif attested:
            first = min(last_day for _first_day, last_day in attested)
        if holder.valid_to:
            last = dates.bounds(*holder.valid_to)[0]
        elif first:
            last = max([first] + [first_day for first_day, _last_day in attested])
        known.append((first, last, attested))
    spans = []
    for i, holder in enumerate(holders):
        first, last, attested = known[i]
        fields = span(holder.valid_from, holder.valid_to, True, True)
        if not holder.valid_from and first:
            previous = known[i - 1][1] if i else None
            earliest = min(day for day, _last in attested)
            if previous:
                earliest = min(previous + dt.timedelta(days=1), earliest)
            fields |= {
                "valid_from": earliest,
                "from_latest": first,
            }
        if not holder.valid_to and first:
            following = holders[i + 1] if i + 1 < len(holders) else None
            named = _first_named(following) if following is not None else None
            if named is not None:
                fields["valid_to"] = named - dt.timedelta(days=1)
            fields["to_earliest"] = last
        spans.append(fields)
    return spans


def _first_named(holder) -> dt.date | None:
    """The first day on which a source may name this holder: its start, or first attestation."""
    if holder.valid_from:
        return dates.bounds(*holder.valid_from)[0]
    return min((first for first, _last in _attested(holder)), default=None)


def _attested(holder) -> list[tuple[dt.date, dt.date]]:
    """The first and last days of each period on which a source attests the holder in office."""
    return [dates.bounds(*day) for text in holder.attested for day in dates.partial_dates_in(text)]
