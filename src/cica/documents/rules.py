"""Treaty-status arithmetic: when an instrument enters into force. Pure functions.

The Agreement on the Secretariat (fsou-secr-2): it enters into force on the 30th day after two
thirds of the signatory Member States have notified the depositary that their internal
procedures are complete.
"""

import datetime as dt
import math
from dataclasses import dataclass

# What completes a state's internal procedures, for counting towards entry into force.
CONSENTS = ("ratification", "acceptance", "approval", "accession", "notification")


@dataclass(frozen=True)
class EntryIntoForce:
    in_force_on: dt.date | None
    signatories: int
    consents: int
    needed: int | None


def compute_entry_into_force(
    *,
    signatories: int,
    consent_dates: list[dt.date],
    numerator: int | None,
    denominator: int | None,
    days: int | None,
) -> EntryIntoForce:
    """The day the share of signatories is reached, plus the days after; None until then."""
    consents = sorted(consent_dates)
    if not (numerator and denominator and days is not None) or signatories == 0:
        return EntryIntoForce(None, signatories, len(consents), None)
    needed = math.ceil(signatories * numerator / denominator)
    if len(consents) < needed:
        return EntryIntoForce(None, signatories, len(consents), needed)
    return EntryIntoForce(
        consents[needed - 1] + dt.timedelta(days=days), signatories, len(consents), needed
    )


def document_status(
    recorded: str, *, superseded: bool, in_force_on: dt.date | None, today: dt.date
) -> str:
    """draft, adopted, in_force or superseded: only the first two are ever recorded."""
    if recorded == "draft":
        return "draft"
    if superseded:
        return "superseded"
    if in_force_on is not None and in_force_on <= today:
        return "in_force"
    return "adopted"
