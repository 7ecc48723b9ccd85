"""The shapes of the competence table's rows: a rule, the steps before the decision, the
conditions on the state, and a precedent that departs from the table."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # django_stubs_ext comes with the stubs, a test dependency only
    from django_stubs_ext import StrOrPromise

# What a body (or the Chairmanship) does before the adopting body decides.
ACTS = {
    "approves": _("approves"),
    "pre-approves": _("pre-approves"),
    "recommends": _("recommends"),
    "agrees": _("agrees"),
    "nominates": _("nominates"),
}


@dataclass(frozen=True)
class Step:
    """A step before the decision: `by` a body (its id) or the chairing state."""

    by: str
    act: str
    text: "StrOrPromise"
    sources: tuple[str, ...]
    # The kind of decision that records the step here, when it is one (the SOC's approval).
    recorded_as: str = ""
    # Whether the actions refuse a draft that has not been through the step.
    enforced: bool = False
    valid_from: dt.date | None = None


@dataclass(frozen=True)
class Condition:
    """What must hold of the state a decision is about."""

    text: "StrOrPromise"
    sources: tuple[str, ...]
    enforced: bool


@dataclass(frozen=True)
class Rule:
    """One row: the bodies that adopt a kind of decision over a period, how, after what."""

    kind: str
    bodies: tuple[str, ...]
    how: "StrOrPromise"
    sources: tuple[str, ...]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    steps: tuple[Step, ...] = ()
    conditions: tuple[Condition, ...] = ()
    note: "StrOrPromise" = ""

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


@dataclass(frozen=True)
class Precedent:
    """A decision the sources report that departs from the table: shown, never a power."""

    kind: str
    body: str
    date: dt.date
    state: str
    text: "StrOrPromise"
    sources: tuple[str, ...]
