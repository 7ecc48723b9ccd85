"""The rules of deciding, as pure functions of stored facts and the time. No database access.

Rules of Procedure Art. 1.2 (Chinese text, crntt-rop): decisions are taken by consensus, deemed
reached when no member state objects; the quorum is two thirds of the member states. Silence
procedure (DOMAIN.md section 4): a text is adopted at its deadline unless a member state breaks
silence before it; two weeks is the period observed in practice (s-cica-pr-2128).
"""

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass

from cica.decisions.models import Procedure

Status = Procedure.Status

DEFAULT_SILENCE_PERIOD = dt.timedelta(weeks=2)

# Symbols name the body by its usual abbreviation: CICA/SOC/DEC/2026/3.
BODY_ABBREVIATIONS = {"summit": "SUMMIT", "ministerial": "MC", "soc": "SOC", "swg": "SWG"}


def procedure_status(
    *,
    kind: str,
    now: dt.datetime,
    deadline: dt.datetime | None,
    broken: bool,
    withdrawn: bool,
    outcome: str = "",
) -> str:
    """A procedure's status at `now`: derived from stored facts, never stored itself."""
    if withdrawn:
        return Status.WITHDRAWN
    if kind == Procedure.Kind.MEETING:
        return outcome or Status.OPEN
    if broken:
        return Status.BROKEN
    # Adopted at the deadline exactly: a break must come strictly before it.
    assert deadline is not None, "a silence procedure has a deadline"
    return Status.ADOPTED if now >= deadline else Status.OPEN


def is_within_the_calendar(deadline: dt.datetime) -> bool:
    """Whether every clock can show the deadline: Astana's (UTC+5) and each reader's. The
    calendar ends with year 9999; a deadline on its last days was stored, then every answer
    that showed it failed (an OverflowError, a 500)."""
    return deadline.replace(tzinfo=None) < dt.datetime(9999, 12, 30)


def can_break_silence(now: dt.datetime, deadline: dt.datetime) -> bool:
    return now < deadline


def quorum(member_count: int) -> int:
    """Two thirds of the member states, rounded up (RoP Art. 1.2)."""
    return math.ceil(member_count * 2 / 3)


def symbol(body_key: str, year: int, number: int) -> str:
    abbreviation = BODY_ABBREVIATIONS.get(body_key, body_key.upper())
    return f"CICA/{abbreviation}/DEC/{year}/{number}"


def version_content(
    *, draft_id: int, kind: str, effect: dict, number: int, title: str, text_en: str, text_ru: str
) -> dict:
    """What a version's hash covers: everything that was circulated and what adoption does."""
    return {
        "draft": draft_id,
        "kind": kind,
        "effect": effect,
        "number": number,
        "title": title,
        "text_en": text_en,
        "text_ru": text_ru,
    }


def content_hash(content: dict) -> str:
    """SHA-256 of canonical JSON (sorted keys, no spaces, UTF-8): anyone can recompute it."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class MeetingOutcome:
    outcome: str
    quorum_met: bool


def meeting_outcome(*, members: int, present: int, objecting: int) -> MeetingOutcome:
    """Adopted by consensus when no member state present objects and the quorum is met."""
    met = present >= quorum(members)
    if objecting:
        return MeetingOutcome(Procedure.Outcome.NOT_ADOPTED, met)
    return MeetingOutcome(Procedure.Outcome.ADOPTED if met else "", met)
