"""Treaty-status arithmetic and document statuses. Pure functions.

Entry into force counts states, not acts. The clause names the act that counts: for the
Agreement on the Secretariat (fsou-secr-2) "enters into force on the 30th day after two-thirds
of signatory Member States notify the depositary of completion of internal procedures", so a
state counts once, on the day of its first notification; its ratification does not count.

A date known only to the month or year leaves the day a state counted uncertain across that
period, so the entry into force is an interval: the earliest and the latest day it can be.
"""

import datetime as dt
import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cica.core import dates

# The means of consent to be bound (Vienna Convention, arts. 11-16): what counts when a treaty
# names no other act. The Convention on Privileges and Immunities (zakon-kz-conv): "'Parties' =
# CICA Member States that have ratified, accepted, approved or acceded".
CONSENTS = ("ratification", "acceptance", "approval", "accession")
SIGNATURE = "signature"
WITHDRAWAL = "withdrawal"

# Why a state's acts do not count towards entry into force.
NOT_A_SIGNATORY = "not_a_signatory"
NO_COUNTED_ACT = "no_counted_act"
WITHDRAWN = "withdrawn"


class Act(Protocol):
    """What the arithmetic reads of a treaty action (a TreatyAction, or a plain record)."""

    state_id: Hashable
    kind: str
    date: dt.date | None
    date_precision: str


@dataclass(frozen=True)
class StateCount:
    """How one state stands towards entry into force."""

    signatory: bool
    act: Act | None  # its first dated act of a kind the clause names
    earliest: dt.date | None  # the day it counted, earliest and latest possible
    latest: dt.date | None
    withdrawal: Act | None  # its first dated withdrawal

    @property
    def counted(self) -> bool:
        return self.reason is None

    @property
    def reason(self) -> str | None:
        """Why the state does not count (now), or None when it does."""
        if not self.signatory:
            return NOT_A_SIGNATORY
        if self.act is None:
            return NO_COUNTED_ACT
        if self.withdrawal is not None:
            return WITHDRAWN
        return None


@dataclass(frozen=True)
class EntryIntoForce:
    earliest: dt.date | None  # the first day it can have entered into force; None: not reached
    latest: dt.date | None  # the last day it can have: in force for certain from then
    signatories: int
    counted: int  # states that count now, each once
    needed: int | None  # None: the clause gives no share
    states: dict[Hashable, StateCount] = field(default_factory=dict)

    @property
    def approximate(self) -> bool:
        return self.earliest != self.latest

    @property
    def in_force_on(self) -> dt.date | None:
        """The day, when it is known to the day."""
        return None if self.approximate else self.earliest

    def in_force(self, today: dt.date) -> bool:
        """In force for certain on `today`."""
        return self.latest is not None and self.latest <= today


def _first(acts: Sequence[Act]) -> tuple[Act | None, dt.date | None, dt.date | None]:
    """A state's first act of some kinds: the act, and the earliest and latest day it can be."""
    dated = [(dates.bounds(a.date, a.date_precision), a) for a in acts if a.date is not None]
    if not dated:
        return None, None, None
    (earliest, _), act = min(dated, key=lambda item: item[0])
    return act, earliest, min(last for (_, last), _ in dated)


def _first_day(windows: list[tuple[dt.date, dt.date | None]], needed: int) -> dt.date | None:
    """The first day on which `needed` states count: each from its act until its withdrawal."""

    def counting(day: dt.date) -> int:
        return sum(1 for start, end in windows if start <= day and (end is None or day < end))

    return next((day for day in sorted({s for s, _ in windows}) if counting(day) >= needed), None)


def compute_entry_into_force(
    *,
    actions: Iterable[Act],
    counted_kinds: Sequence[str],
    numerator: int | None,
    denominator: int | None,
    days: int | None,
) -> EntryIntoForce:
    """When the share of signatories is reached, counting each state once, plus the days after.

    A signatory counts from its first dated act of a kind in `counted_kinds`; acts of other kinds
    never count, undated acts neither. A state that withdraws stops counting from its
    withdrawal, and one that withdrew before its act never counts; an instrument once in force
    stays in force.
    """
    by_state: dict[Hashable, list[Act]] = {}
    for action in actions:
        by_state.setdefault(action.state_id, []).append(action)
    states, early, late = {}, [], []
    for state, acts in by_state.items():
        act, earliest, latest = _first([a for a in acts if a.kind in counted_kinds])
        withdrawal, stop_earliest, stop_latest = _first([a for a in acts if a.kind == WITHDRAWAL])
        count = StateCount(
            signatory=any(a.kind == SIGNATURE for a in acts),
            act=act,
            earliest=earliest,
            latest=latest,
            withdrawal=withdrawal,
        )
        states[state] = count
        if count.signatory and earliest and latest:
            # The earliest case: every act on the first day of its period, every withdrawal on
            # the last; the latest case the other way round (counting only rises as acts come
            # earlier and withdrawals later).
            early.append((earliest, stop_latest))
            late.append((latest, stop_earliest))
    signatories = sum(1 for s in states.values() if s.signatory)
    counted = sum(1 for s in states.values() if s.counted)
    if not (numerator and denominator and days is not None) or signatories == 0:
        return EntryIntoForce(None, None, signatories, counted, None, states)
    needed = max(1, math.ceil(signatories * numerator / denominator))
    reached_early, reached_late = _first_day(early, needed), _first_day(late, needed)
    after = dt.timedelta(days=days)
    return EntryIntoForce(
        reached_early + after if reached_early else None,
        reached_late + after if reached_late else None,
        signatories,
        counted,
        needed,
        states,
    )


class Clause(Protocol):
    """What the arithmetic reads of a treaty's clause on entry into force (TreatyParameters)."""

    @property
    def eif_acts(self) -> Sequence[str]: ...
    @property
    def eif_share_numerator(self) -> int | None: ...
    @property
    def eif_share_denominator(self) -> int | None: ...
    @property
    def eif_days(self) -> int | None: ...


def treaty_entry_into_force(treaty: Clause | None, actions: Iterable[Act]) -> EntryIntoForce:
    """The entry into force under a treaty's parameters (TreatyParameters, or None: no clause)."""
    return compute_entry_into_force(
        actions=actions,
        counted_kinds=(treaty.eif_acts or CONSENTS) if treaty else CONSENTS,
        numerator=treaty.eif_share_numerator if treaty else None,
        denominator=treaty.eif_share_denominator if treaty else None,
        days=treaty.eif_days if treaty else None,
    )


def recorded_status(type: str, status_note: str) -> str:
    """The status the reference data records: a draft is a draft; a document whose adoption the
    sources qualify with a status note ("approved by SOC for adoption ...; adoption itself not
    separately confirmed") is unconfirmed; the rest are adopted."""
    if type == "draft":
        return "draft"
    if status_note.strip():
        return "unconfirmed"
    return "adopted"


def document_status(
    recorded: str, *, superseded: bool, in_force_on: dt.date | None, today: dt.date
) -> str:
    """draft, unconfirmed, adopted, in_force or superseded: the first three are recorded.

    Only an adopted document is ever in force or superseded: a draft or a document whose
    adoption is unconfirmed stays so whatever else is recorded.
    """
    if recorded != "adopted":
        return recorded
    if superseded:
        return "superseded"
    if in_force_on is not None and in_force_on <= today:
        return "in_force"
    return "adopted"
