"""Meeting-cycle compliance, and the names of meetings. Pure functions.

Rules of Procedure as sources state them (bodies[].frequency): the Summit every four years; the
Ministerial Council every two years (kremlin-3712, seed-004, seed-002) or every four years, two
years after the Summit (s-cica-tr-2012, mfa-kz-svmda, cri-2016): the sources disagree, so both
readings are kept and a year is "missing" only when every reading in force says so.
"""

import datetime as dt
import re
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


@dataclass(frozen=True)
class Reading:
    """What one of the disputed rules says of a year: its status, or None (no meeting due)."""

    rule: str
    status: str | None


@dataclass
class Slot:
    year: int
    status: str  # held | planned | missing | due | disputed
    rule: str
    meetings: list = field(default_factory=list)
    # Where rules in force at once disagree: each rule's reading of the year.
    readings: list[Reading] = field(default_factory=list)


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


def _overlap(one: RuleVersion, other: RuleVersion) -> bool:
    """Whether two rules are in force on a common day: then they are conflicting readings."""
    return (one.valid_from or dt.date.min) <= (other.valid_to or dt.date.max) and (
        other.valid_from or dt.date.min
    ) <= (one.valid_to or dt.date.max)


def _disputed_groups(rules: list[RuleVersion]) -> list[list[RuleVersion]]:
    """The rules in groups of those in force at the same time (a rule alone is undisputed)."""
    groups: list[list[RuleVersion]] = []
    for rule in rules:
        joined = [group for group in groups if any(_overlap(rule, other) for other in group)]
        groups = [group for group in groups if all(group is not other for other in joined)]
        groups.append([*(other for group in joined for other in group), rule])
    return groups


def _agreed(year: int, readings: list[tuple[RuleVersion, Slot | None]]) -> Slot:
    """One year under rules in dispute: a meeting held or planned answers every reading; a
    meeting missing or due only when every reading says so; otherwise the year is disputed."""
    slots = [slot for _rule, slot in readings if slot]
    statuses = [slot.status if slot else None for _rule, slot in readings]
    meetings = next((slot.meetings for slot in slots if slot.meetings), [])
    status = next((s for s in ("held", "planned") if s in statuses), None)
    if status is None:
        status = statuses[0] if len(set(statuses)) == 1 and statuses[0] else "disputed"
    return Slot(
        year,
        status,
        " / ".join(rule.text for rule, _slot in readings),
        meetings,
        [Reading(rule.text, slot.status if slot else None) for rule, slot in readings],
    )


def compliance(
    rules: list[RuleVersion], meetings: list, start: int, end: int, current_year: int
) -> list[Slot]:
    """The years a body had to meet, each held, planned, missing (past, none), due or disputed.

    `meetings` have `.start_date`, `.status` and `.kind`; only regular, uncancelled ones count.
    Every N years: at most N years from one regular meeting to the next, so a late meeting
    leaves the year it was due missing and starts the count again. Alternating ("two years
    after the Summit"): the other body's years plus the offset. Yearly: every calendar year.
    Rules in force at the same time are conflicting readings of the sources: each year is
    judged by every one of them, and is "disputed" where they disagree.
    """
    slots: list[Slot] = []
    for group in _disputed_groups(rules):
        by_rule = [_rule_slots(rule, meetings, start, end, current_year) for rule in group]
        if len(group) == 1:
            slots += by_rule[0]
            continue
        for year in sorted({slot.year for rule_slots in by_rule for slot in rule_slots}):
            readings = [
                (rule, next((slot for slot in rule_slots if slot.year == year), None))
                for rule, rule_slots in zip(group, by_rule, strict=True)
                if rule.covers(year)
            ]
            slots.append(_agreed(year, readings))
    return sorted(slots, key=lambda slot: slot.year)


def _rule_slots(
    rule: RuleVersion, meetings: list, start: int, end: int, current_year: int
) -> list[Slot]:
    """The years one rule requires a meeting in, each held, planned, missing or due."""
    under = sorted(
        (
            m
            for m in meetings
            if m.kind == "regular" and m.status != "cancelled" and _covers(rule, m.start_date)
        ),
        key=lambda m: m.start_date,
    )
    first = max(start, rule.valid_from.year if rule.valid_from else start)
    last = min(end, rule.valid_to.year if rule.valid_to else end)
    if rule.kind == "yearly":
        years = range(first, last + 1)
    elif rule.after_years:
        years = sorted(
            {
                y + rule.offset_years
                for y in rule.after_years
                if first <= y + rule.offset_years <= last
            }
        )
    else:
        # A rule that gave way to another is not due in the year it ended.
        return _interval_slots(
            rule, under, first, last - 1 if rule.valid_to else last, current_year
        )
    slots = []
    for year in years:
        in_year = [m for m in under if m.start_date.year == year]
        slots.append(Slot(year, _status(year, in_year, current_year), rule.text, in_year))
    return slots


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


# ---- the names of meetings -------------------------------------------------------------------

# Ordinals as words, as the Secretariat names sessions ("the Sixth Meeting of the CICA Ministers
# of Foreign Affairs", s-cica-6mm-chair-stmt); in Russian, neuter, agreeing with "совещание" and
# "заседание".
_ORDINALS_EN = [
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
    "Twentieth",
]
_ORDINALS_RU = [
    "Первое",
    "Второе",
    "Третье",
    "Четвёртое",
    "Пятое",
    "Шестое",
    "Седьмое",
    "Восьмое",
    "Девятое",
    "Десятое",
    "Одиннадцатое",
    "Двенадцатое",
    "Тринадцатое",
    "Четырнадцатое",
    "Пятнадцатое",
    "Шестнадцатое",
    "Семнадцатое",
    "Восемнадцатое",
    "Девятнадцатое",
    "Двадцатое",
]
_KINDS_EN = {"special": "Special", "informal": "Informal"}
_KINDS_RU = {"special": "Специальное", "informal": "Неформальное"}
# The genitive of the head of a body's Russian name (GLOSSARY-RU): "заседание Совета министров
# иностранных дел"; the words after the head are in the genitive already.
_GENITIVE_RU = {
    "Специальная рабочая группа": "Специальной рабочей группы",
    "Совет": "Совета",
    "Комитет": "Комитета",
    "Форум": "Форума",
    "Секретариат": "Секретариата",
}
_NAME = re.compile(r"^(?P<base>.*?)\s*(?:\((?P<short>[^)]*)\))?\s*$")


def ordinal_en(number: int) -> str:
    if 1 <= number <= len(_ORDINALS_EN):
        return _ORDINALS_EN[number - 1]
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10 if number % 100 not in (11, 12, 13) else 0)
    return f"{number}{suffix or 'th'}"


def ordinal_ru(number: int) -> str:
    return _ORDINALS_RU[number - 1] if 1 <= number <= len(_ORDINALS_RU) else f"{number}-е"


def _split(name: str) -> tuple[str, str]:
    """ "Council of Ministers of Foreign Affairs (Ministerial Council, MC)": the name and its
    short form, without the abbreviation; of alternatives ("A / B") the first."""
    match = _NAME.match(name.strip())
    base = match["base"].split(" / ")[0].strip()
    short = (match["short"] or "").split(",")[0].strip()
    return base, short


def _title_en(name: str, ordinal: int | None, kind: str) -> str:
    base, short = _split(name)
    # A body named as a meeting ("Meeting of Ministers of Foreign Affairs") names its sessions.
    phrase = base if "Meeting" in base.split() else f"Meeting of the {base}"
    first = " ".join(
        word for word in (ordinal_en(ordinal) if ordinal else "", _KINDS_EN.get(kind, "")) if word
    )
    title = f"{first} {phrase}" if first else phrase
    return f"{title} ({short})" if short else title


def _title_ru(name: str, ordinal: int | None, kind: str) -> str:
    base, short = _split(name)
    suffix = f" ({short})" if short else ""
    first = ordinal_ru(ordinal) if ordinal else _KINDS_RU.get(kind, "")
    if "совещание" in base.lower().split():
        if not ordinal and kind == "informal" and base.startswith("Совещание "):
            # GLOSSARY-RU: "неформальная встреча министров иностранных дел".
            return f"Неформальная встреча {base.removeprefix('Совещание ')}{suffix}"
        return f"{first} {base}{suffix}" if first else f"{base}{suffix}"
    head = next(
        (head for head in _GENITIVE_RU if base == head or base.startswith(head + " ")), None
    )
    of_body = _GENITIVE_RU[head] + base[len(head) :] if head else f"органа «{base}»"
    return f"{first} заседание {of_body}{suffix}" if first else f"Заседание {of_body}{suffix}"


def meeting_title(
    name_en: str | None, name_ru: str | None, ordinal: int | None, kind: str
) -> tuple[str, str]:
    """A meeting's title in English and Russian, from its body's names on the meeting's date.

    The Ministerial's seventh meeting (2024-12-17), after the Astana Statement renamed the body
    (2022-10-13; seed-001): "Seventh Meeting of the Council of Ministers of Foreign Affairs
    (Ministerial Council)", "Седьмое заседание Совета министров иностранных дел"; its sixth
    (2021): "Sixth Meeting of Ministers of Foreign Affairs (Ministerial Meeting)", "Шестое
    Совещание министров иностранных дел". A name missing in a language gives no title in it.
    """
    return (
        _title_en(name_en, ordinal, kind) if name_en else "",
        _title_ru(name_ru, ordinal, kind) if name_ru else "",
    )
