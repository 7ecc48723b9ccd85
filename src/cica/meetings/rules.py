"""Meeting-cycle compliance: which years a body had to meet, and whether it did. Pure functions.

Rules of Procedure as sources state them (bodies[].frequency): the Summit every four years; the
Ministerial Council every two years (older wording) or every four years, two years after the
Summit (later wording); the SOC at least once a year.
"""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RuleVersion:
    kind: str  # "yearly" | "every_n_years"
    interval_years: int | None
    after_years: tuple[int, ...]  # the other body's regular meeting years, when alternating
    offset_years: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    text: str

    def covers(self, year: int) -> bool:
        start = self.valid_from.year if self.valid_from else -9999
        end = self.valid_to.year if self.valid_to else 9999
        return start <= year <= end


@dataclass
class Slot:
    year: int
    status: str  # held | planned | missing | due
    rule: str
    meetings: list = field(default_factory=list)


def _covers(rule: RuleVersion, day: dt.date) -> bool:
    return (rule.valid_from is None or rule.valid_from <= day) and (
        rule.valid_to is None or day <= rule.valid_to
    )


def _status(year: int, meetings: list, current_year: int) -> str:
    if any(m.status == "held" for m in meetings):
        return "held"
    if meetings:
        return "planned"
    return "missing" if year < current_year else "due"


def compliance(
    rules: list[RuleVersion], meetings: list, start: int, end: int, current_year: int
) -> list[Slot]:
    """The years a body had to meet, each held, planned, missing (past, none) or due.

    `meetings` have `.start_date`, `.status` and `.kind`; only regular, uncancelled ones count.
    Every N years: at most N years from one regular meeting to the next, so a late meeting
    leaves the year it was due missing and starts the count again. Alternating ("two years
    after the Summit"): the other body's years plus the offset. Yearly: every calendar year.
    """
    regular = sorted(
        (m for m in meetings if m.kind == "regular" and m.status != "cancelled"),
        key=lambda m: m.start_date,
    )
    slots: list[Slot] = []
    for rule in rules:
        under = [m for m in regular if _covers(rule, m.start_date)]
        first = rule.valid_from.year if rule.valid_from else start
        last = rule.valid_to.year if rule.valid_to else end
        if rule.kind == "yearly":
            years = range(max(start, first), min(end, last) + 1)
            slots += [
                Slot(
                    y,
                    _status(y, [m for m in under if m.start_date.year == y], current_year),
                    rule.text,
                    [m for m in under if m.start_date.year == y],
                )
                for y in years
            ]
        elif rule.after_years:
            for year in sorted({y + rule.offset_years for y in rule.after_years}):
                if max(start, first) <= year <= min(end, last):
                    in_year = [m for m in under if m.start_date.year == year]
                    slots.append(
                        Slot(year, _status(year, in_year, current_year), rule.text, in_year)
                    )
        else:
            # A rule that gave way to another is not due in the year it ended.
            until = min(end, last - 1 if rule.valid_to else last)
            slots += _interval_slots(rule, under, max(start, first), until, current_year)
    return sorted(slots, key=lambda slot: slot.year)


def _interval_slots(rule, meetings: list, start: int, end: int, current_year: int) -> list[Slot]:
    """Due every N years after the last regular meeting; each year passed without one is missing."""
    slots, index = [], 0
    year = meetings[0].start_date.year if meetings else start
    while year <= end:
        held = [m for m in meetings[index:] if m.start_date.year <= year]
        if held:
            # A meeting by the due year (or a late one) restarts the count from its own year.
            meeting = held[0]
            index = meetings.index(meeting) + 1
            year = meeting.start_date.year
            found = [meeting]
        else:
            found = []
        if year >= start:
            slots.append(Slot(year, _status(year, found, current_year), rule.text, found))
        year += rule.interval_years
    return slots


def next_due(slots: list[Slot]) -> Slot | None:
    """The first required year from now on that has no meeting held yet."""
    return next((slot for slot in slots if slot.status in ("due", "planned")), None)
