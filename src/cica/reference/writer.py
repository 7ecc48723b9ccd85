"""Writes a checked reference dataset into the registry, decisions and meetings tables.

Runs inside load_reference's transaction. The reference data's own records are replaced as a
whole; records made by actions are left alone.
"""

import datetime as dt
import gettext

import pycountry

from cica.core import clock
from cica.decisions.models import Decision
from cica.documents.models import Document, TreatyAction, TreatyParameters
from cica.meetings.models import CalendarEntry, CycleRule, Meeting
from cica.reference.schema import CitedText, ReferenceIn
from cica.registry import queries as registry_queries
from cica.registry.models import (
    Body,
    BodyFrequency,
    BodyName,
    Chairmanship,
    CitedFact,
    Conflict,
    MembershipStatus,
    Organization,
    PostHolder,
    PostTitle,
    ReportedCount,
    Seat,
    SecretariatPost,
    Source,
    State,
)


def _notes(kind: str, *texts: CitedText | None) -> list[dict]:
    return [{"kind": kind, "text": text.text, "sources": text.sources} for text in texts if text]


def _period(record) -> dict:
    start, end = record.valid_from, record.valid_to
    return {
        "valid_from": start[0] if start else None,
        "from_precision": start[1] if start else "day",
        "valid_to": end[0] if end else None,
        "to_precision": end[1] if end else "day",
    }


# The Rules of Procedure's frequencies as parameters. The dates a rule holds from and to are a
# reading of the sources' dates: the older wording is attributed to the 2004 Rules (kremlin-3712),
# the later one is first stated at the Fourth Ministerial Meeting (s-cica-tr-2012, 2012-09-12).
_CYCLE_RULES = {
    "summit": [
        (
            "every 4 years",
            {"kind": "every_n_years", "interval_years": 4, "valid_from": dt.date(2002, 6, 4)},
        )
    ],
    "ministerial": [
        (
            "every 2 years",
            {
                "kind": "every_n_years",
                "interval_years": 2,
                "valid_from": dt.date(1999, 9, 14),
                "valid_to": dt.date(2012, 9, 11),
            },
        ),
        (
            "every 4 years, 2 years after",
            {
                "kind": "every_n_years",
                "interval_years": 4,
                "after_body": "summit",
                "offset_years": 2,
                "valid_from": dt.date(2012, 9, 12),
            },
        ),
    ],
    "soc": [("at least once a year", {"kind": "yearly", "valid_from": dt.date(2006, 1, 1)})],
}


def _date_range(text: str, start: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "2010-06-07/09" or "2016-04-27/28" or "2024-12-03/2024-12-04": the first and last day."""
    if "/" not in text:
        return None
    first, last = text.split("/", 1)
    first_day = dt.date.fromisoformat(first)
    tail = first[: len(first) - len(last)] + last
    return first_day, max(dt.date.fromisoformat(tail), first_day)


def _ordinal(number: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number if number < 20 else number % 10, "th")
    return f"{number}{suffix}"


# Treaty clauses as parameters, read from the clauses the reference data quotes (fsou-secr-2).
_TREATY_RULES = {
    "secretariat-agreement": {
        "depositary": "Ministry of Foreign Affairs of Kazakhstan",
        "eif_share_numerator": 2,
        "eif_share_denominator": 3,
        "eif_days": 30,
        "provisional_application": True,
    },
}

# The kind of a consent from the words of the source ("ratified", "approved (核准) ...").
_CONSENT_WORDS = (
    ("ratif", "ratification"),
    ("approv", "approval"),
    ("accept", "acceptance"),
    ("acce", "accession"),
)

_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}

_MEETING_NAMES = {
    # body key: (English, Russian) names of a numbered regular meeting
    "summit": ("Summit", "-й саммит СВМДА"),
    "ministerial": ("Ministerial Meeting", "-е совещание министров иностранных дел"),
}


class Writer:
    """Writes one checked dataset; every method runs inside load_reference's transaction."""

    def __init__(self, data: ReferenceIn):
        self.data = data
        self.sources: dict[str, Source] = {}

    def write(self) -> dict[str, int]:
        # The reference data's own records are replaced as a whole; records that actions made
        # (a status from an admission decision, say) stay.
        for model in (
            MembershipStatus,
            BodyName,
            BodyFrequency,
            Chairmanship,
            PostTitle,
            PostHolder,
            Seat,
            CitedFact,
            ReportedCount,
        ):
            model.objects.filter(from_reference=True).delete()
        Conflict.objects.all().delete()
        Decision.objects.filter(from_reference=True, historical=True).delete()
        # Meetings keep their calendar ids across reloads: matched by body, date and title below.
        CycleRule.objects.filter(from_reference=True).delete()
        CalendarEntry.objects.filter(from_reference=True).delete()
        TreatyAction.objects.filter(from_reference=True).delete()
        TreatyParameters.objects.filter(from_reference=True).delete()
        self._sources()
        states = self._states()
        self._organizations()
        self._bodies()
        self._chairmanships(states)
        self._secretariat(states)
        self._facts_and_conflicts()
        self._historical_decisions()
        self._meetings()
        self._cycle_rules()
        self._calendar()
        self._documents()
        return {
            "sources": len(self.data.sources),
            "states": len(self.data.states),
            "organizations": len(self.data.organizations),
            "statuses": MembershipStatus.objects.count(),
            "bodies": len(self.data.bodies),
            "chairmanships": len(self.data.chairmanships),
            "reported_counts": len(self.data.counts_over_time),
            "conflicts": len(self.data.conflicts),
            "historical_decisions": Decision.objects.filter(historical=True).count(),
            "meetings": Meeting.objects.filter(from_reference=True).count(),
            "documents": len(self.data.documents),
        }

    def _cite(self, record, source_ids: list[str]) -> None:
        """Attach `record`'s sources, in the file's order."""
        record.sources.set([self.sources[key] for key in dict.fromkeys(source_ids)])

    def _add(self, model, source_ids: list[str], **fields):
        """Create one of the reference data's own records, with its sources."""
        record = model.objects.create(from_reference=True, **fields)
        self._cite(record, source_ids)
        return record

    def _statuses(self, history, **party) -> list[str]:
        """Create a state's or an organization's status history; return the sources it cites."""
        for entry in history:
            self._add(
                MembershipStatus,
                entry.sources,
                status=entry.status,
                basis=entry.basis,
                note=entry.note,
                **party,
                **_period(entry),
            )
        return sorted({key for entry in history for key in entry.sources})

    def _sources(self) -> None:
        for position, source in enumerate(self.data.sources):
            self.sources[source.id], _created = Source.objects.update_or_create(
                key=source.id,
                defaults={
                    "title": source.title,
                    "url": source.url,
                    "file": source.file,
                    "date": source.date,
                    "date_approximate": source.date_approximate,
                    "position": position,
                },
            )

    def _states(self) -> dict[str, State]:
        """All ISO 3166-1 countries from pycountry, then CICA's protocol names from the file."""
        russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
        existing = {state.code: state for state in State.objects.all()}
        for country in pycountry.countries:
            if country.alpha_2 not in existing:
                existing[country.alpha_2] = State.objects.create(
                    code=country.alpha_2,
                    name_en=getattr(country, "common_name", country.name),
                    name_ru=russian.gettext(country.name),
                    name_ru_basis="pycountry",
                )
        for item in self.data.states:
            state = existing.get(item.iso2) or State(code=item.iso2)
            if state.names_edited_at is None:
                state.name_en = item.name_en
                state.name_ru = item.name_ru or state.name_ru or None
                state.name_ru_basis = item.name_ru_source or state.name_ru_basis
            state.other_names = [
                {"language": language, "kind": kind, "name": name}
                for language, kind, name in (
                    ("en", "alternative", item.name_en_alt),
                    ("en", "official", item.name_en_official),
                    ("ru", "alternative", item.name_ru_alt),
                )
                if name
            ]
            state.notes = _notes("note", *item.notes)
            state.conflicts = item.conflicts
            state.from_reference = True
            state.save()
            existing[item.iso2] = state
            self._cite(state, self._statuses(item.status_history, state=state))
        return existing

    def _organizations(self) -> None:
        for item in self.data.organizations:
            organization, _created = Organization.objects.update_or_create(
                code=item.id,
                defaults={
                    "name_en": item.name_en,
                    "name_ru": item.name_ru or None,
                    "name_ru_basis": item.name_ru_source,
                    "notes": _notes("rule", *item.rule_notes) + _notes("related", *item.related),
                    "from_reference": True,
                },
            )
            self._cite(organization, self._statuses(item.status_history, organization=organization))

    def _bodies(self) -> None:
        for position, item in enumerate(self.data.bodies):
            established = item.established.date if item.established else None
            notes = (
                _notes("role", item.role)
                + _notes("composition", item.composition)
                + _notes("hosting_rule", item.hosting_rule)
                + _notes("informal_meetings", item.informal_meetings)
                + _notes("rules", item.rules)
                + _notes("typical_output", *item.typical_outputs)
            )
            if item.established and item.established.note:
                notes.append(
                    {
                        "kind": "established",
                        "text": item.established.note,
                        "sources": item.established.sources,
                    }
                )
            body, _created = Body.objects.update_or_create(
                key=item.id,
                defaults={
                    "kind": item.kind,
                    "established": established[0] if established else None,
                    "established_precision": established[1] if established else "day",
                    "position": position,
                    "notes": notes,
                    "conflicts": item.conflicts,
                    "from_reference": True,
                },
            )
            self._cite(body, item.established.sources if item.established else [])
            for name in item.names:
                self._add(
                    BodyName,
                    name.sources,
                    body=body,
                    name_en=name.name_en,
                    name_ru=name.name_ru or None,
                    notes=[{"kind": "note", "text": name.note, "sources": []}] if name.note else [],
                    **_period(name),
                )
            for frequency in item.frequency:
                self._add(
                    BodyFrequency,
                    frequency.sources,
                    body=body,
                    text=frequency.value,
                    note=frequency.note,
                )
            for kind, titles in (
                (SecretariatPost.Kind.HEAD, item.head_title),
                (SecretariatPost.Kind.DEPUTY, item.deputy_title),
            ):
                post = SecretariatPost.objects.get_or_create(kind=kind)[0] if titles else None
                for title in titles:
                    self._add(
                        PostTitle,
                        title.sources,
                        post=post,
                        title_en=title.title,
                        basis_note=title.from_basis,
                        **_period(title),
                    )

    def _chairmanships(self, states: dict[str, State]) -> None:
        for item in self.data.chairmanships:
            self._add(
                Chairmanship,
                [key for how in item.how for key in how.sources],
                state=states[item.state],
                notes=_notes("how", *item.how)
                + _notes("note", *item.notes)
                + _notes("duties", item.duties)
                + _notes("priorities", item.priorities),
                conflicts=item.conflicts,
                **_period(item),
            )

    def _secretariat(self, states: dict[str, State]) -> None:
        secretariat = self.data.secretariat
        if secretariat is None:
            return
        for seat in secretariat.seat_history:
            self._add(Seat, seat.sources, city_en=seat.city, note=seat.note, **_period(seat))
        for kind, holders in (
            (SecretariatPost.Kind.HEAD, secretariat.heads),
            (SecretariatPost.Kind.DEPUTY, secretariat.deputies),
        ):
            post = SecretariatPost.objects.get_or_create(kind=kind)[0]
            for position, holder in enumerate(holders):
                basis = holder.nationality_basis
                self._add(
                    PostHolder,
                    holder.sources + (basis.sources if basis else []),
                    post=post,
                    person=holder.name,
                    title=holder.title,
                    nationality=states[holder.nationality] if holder.nationality else None,
                    nationality_note=basis.text if basis else holder.nationality_note,
                    attested=holder.attested,
                    note="; ".join(text for text in (holder.note, holder.to_basis) if text),
                    position=position,
                    **_period(holder),
                )
        facts = [
            (
                "secretariat-premises",
                premises.date,
                CitedText(text=premises.event, sources=premises.sources),
            )
            for premises in secretariat.premises
        ]
        facts += [("secretariat-staffing", "", rule) for rule in secretariat.staffing_rules]
        facts += [("secretariat-budget", "", rule) for rule in secretariat.budget_and_finance]
        facts += [
            ("secretariat-conflict", "", CitedText(text=text, sources=[]))
            for text in secretariat.seat_conflicts + secretariat.premises_conflicts
        ]
        self._facts(facts)

    def _facts(self, facts: list[tuple[str, str, CitedText]]) -> None:
        for position, (topic, date, text) in enumerate(facts):
            self._add(
                CitedFact, text.sources, topic=topic, date=date, text=text.text, position=position
            )

    def _facts_and_conflicts(self) -> None:
        self._facts(
            [("chairmanship-rule", "", rule) for rule in self.data.chairmanship_rules]
            + [("organizations", "", note) for note in self.data.organizations_notes.values()]
        )
        for position, conflict in enumerate(self.data.conflicts):
            Conflict.objects.create(
                topic=conflict.topic,
                values=[value.model_dump() for value in conflict.values],
                resolution=conflict.resolution,
                position=position,
            )
        for position, count in enumerate(self.data.counts_over_time):
            self._add(
                ReportedCount,
                count.sources,
                as_of=count.as_of[0],
                as_of_precision=count.as_of[1],
                as_of_approximate=count.as_of_approximate,
                members=count.members,
                observer_states=count.observer_states,
                observer_orgs=count.observer_orgs,
                observers_states_and_orgs=count.observers_states_and_orgs,
                note=count.note,
                position=position,
            )

    def _historical_decisions(self) -> None:
        """CICA's past decisions as the sources report them: dated, cited, with no symbol."""
        meetings = self.data.meetings
        if meetings is None:
            return
        bodies = {body.key: body for body in Body.objects.all()}
        records = []
        for key, label, series in (
            ("summit", "Summit", meetings.summits),
            ("ministerial", "Ministerial Meeting", meetings.ministerials),
        ):
            for meeting in series:
                how = f"{_ordinal(meeting.ordinal)} {label}" if meeting.ordinal else label
                records += [
                    (key, meeting.date, meeting.city, how, decision.text, decision.sources)
                    for decision in meeting.decisions
                    if meeting.date
                ]
        for entry in meetings.special_and_informal_ministerials:
            if entry.kind == "decision" and entry.date:
                records.append(
                    ("ministerial", entry.date, entry.city, "", entry.note, entry.sources)
                )
        for entry in meetings.soc_swg_notable:
            if entry.note and entry.body in ("soc", None) and entry.date:
                records.append((entry.body, entry.date, entry.city, "", entry.note, entry.sources))
        for body_key, (on, precision), city, how, text, sources in records:
            if "silence procedure" in text:
                how = ", ".join(part for part in (how, "silence procedure") if part)
            self._add(
                Decision,
                sources,
                historical=True,
                body=bodies.get(body_key) if body_key else None,
                title=text,
                adopted_on=on,
                adopted_on_precision=precision,
                place=city,
                how=how,
            )

    def _meetings(self) -> None:
        """Every meeting the reference data lists, matched to existing rows so their ids last."""
        meetings = self.data.meetings
        if meetings is None:
            return
        bodies = {body.key: body for body in Body.objects.all()}
        states = {state.code: state for state in State.objects.all()}
        today = clock.today()
        seen = []
        for key, series in (("summit", meetings.summits), ("ministerial", meetings.ministerials)):
            name_en, name_ru = _MEETING_NAMES[key]
            for item in series:
                if not item.date:
                    continue
                start, precision = item.date
                span = _date_range(item.date_range, start) if item.date_range else None
                first, last = span or (start, item.end_date[0] if item.end_date else start)
                chair = item.chair.get("state") if isinstance(item.chair, dict) else item.chair
                attendance = [a.model_dump() for a in item.attendance]
                seen.append(
                    self._meeting(
                        bodies[key],
                        title_en=f"{_ordinal(item.ordinal)} {name_en}" if item.ordinal else name_en,
                        title_ru=f"{item.ordinal}{name_ru}"
                        if item.ordinal
                        else name_ru.split(" ", 1)[1],
                        ordinal=item.ordinal,
                        start_date=first,
                        end_date=last,
                        date_precision=precision,
                        city=item.city,
                        country=states.get(item.country or ""),
                        chair=states.get(chair) if isinstance(chair, str) else None,
                        format="online"
                        if item.format in ("online", "videoconference")
                        else "in_person",
                        status="planned" if item.status == "planned" or first > today else "held",
                        theme=item.theme,
                        attendance_reported=attendance,
                        notes=_notes("note", *item.notes),
                        conflicts=item.conflicts,
                        sources=[key for a in item.attendance for key in a.sources]
                        + [key for d in item.decisions for key in d.sources]
                        + [key for n in item.notes for key in n.sources],
                    )
                )
        for item in meetings.special_and_informal_ministerials:
            if item.kind not in ("special", "informal") or not item.date:
                continue
            start, precision = item.date
            unga = item.city == "New York"
            seen.append(
                self._meeting(
                    bodies["ministerial"],
                    title_en=f"{item.kind.capitalize()} meeting of Ministers of Foreign Affairs",
                    title_ru=("Специальное" if item.kind == "special" else "Неформальное")
                    + " совещание министров иностранных дел",
                    kind=item.kind,
                    start_date=start,
                    end_date=start,
                    date_precision=precision,
                    city=item.city,
                    format="unga_sidelines"
                    if unga
                    else ("online" if item.format == "videoconference" else "in_person"),
                    status="held" if start <= today else "planned",
                    notes=_notes("note", CitedText(text=item.note, sources=item.sources)),
                    sources=item.sources,
                )
            )
        for item in meetings.soc_swg_notable:
            if not item.date or not item.body:
                continue
            start, precision = item.date
            end = item.end_date[0] if item.end_date else start
            for key in item.body.split("+"):
                seen.append(
                    self._meeting(
                        bodies[key],
                        title_en={
                            "soc": "Senior Officials Committee",
                            "swg": "Special Working Group",
                        }[key],
                        title_ru={
                            "soc": "Комитет старших должностных лиц",
                            "swg": "Специальная рабочая группа",
                        }[key],
                        start_date=start,
                        end_date=end,
                        date_precision=precision,
                        city=item.city,
                        format="online" if item.format == "online" else "in_person",
                        status="held" if start <= today else "planned",
                        notes=_notes("note", CitedText(text=item.note, sources=item.sources))
                        if item.note
                        else [],
                        sources=item.sources,
                    )
                )
        for item in meetings.pre_conference_meetings:
            if not item.date:
                continue
            start, precision = item.date
            seen.append(
                self._meeting(
                    bodies["swg"] if item.kind.startswith("first SWG") else None,
                    title_en=item.kind[0].upper() + item.kind[1:],
                    title_ru="",
                    kind="preparatory",
                    start_date=start,
                    end_date=item.end_date[0] if item.end_date else start,
                    date_precision=precision,
                    city=item.city,
                    status="held",
                    attendance_reported=[
                        {"text": f"{item.participants} participants", "sources": item.sources}
                    ]
                    if item.participants
                    else [],
                    sources=item.sources,
                )
            )
        for body_item in self.data.bodies:
            for item in body_item.meetings:
                if not item.date:
                    continue
                start, precision = item.date
                name = _ordinal(item.ordinal) + " meeting" if item.ordinal else "Meeting"
                seen.append(
                    self._meeting(
                        bodies[body_item.id],
                        title_en=f"{name} of the {body_item.names[0].name_en}",
                        title_ru="",
                        ordinal=item.ordinal,
                        start_date=start,
                        end_date=item.end_date[0] if item.end_date else start,
                        date_precision=precision,
                        city=item.place or item.host,
                        status="held" if start <= today else "planned",
                        notes=_notes("note", CitedText(text=item.note, sources=item.sources))
                        if item.note
                        else [],
                        sources=item.sources,
                    )
                )
        Meeting.objects.filter(from_reference=True).exclude(pk__in=seen).delete()

    def _meeting(self, body, *, sources, title_en, start_date, **fields) -> int:
        """Create or update one meeting; the same body, start and title is the same meeting."""
        meeting = Meeting.objects.filter(
            body=body, start_date=start_date, title_en=title_en, from_reference=True
        ).first() or Meeting(
            body=body, start_date=start_date, title_en=title_en, from_reference=True
        )
        for name, value in fields.items():
            setattr(meeting, name, value)
        meeting.save()
        self._cite(meeting, sources)
        return meeting.pk

    def _cycle_rules(self) -> None:
        bodies = {body.key: body for body in Body.objects.all()}
        for item in self.data.bodies:
            for frequency in item.frequency:
                for prefix, params in _CYCLE_RULES.get(item.id, []):
                    if frequency.value.startswith(prefix):
                        params = dict(params)
                        after = params.pop("after_body", None)
                        self._add(
                            CycleRule,
                            frequency.sources,
                            body=bodies[item.id],
                            after_body=bodies.get(after) if after else None,
                            text=frequency.value,
                            **params,
                        )

    def _calendar(self) -> None:
        for entry in self.data.calendar:
            # One-off entries (the 2026 Summit) are meetings already; the rest recur, on a day
            # ("10-05") or in a month ("September (UNGA high-level week)").
            month = (
                int(entry.month_day[:2])
                if entry.month_day
                else _MONTHS.get(entry.period.split(" ", 1)[0].lower())
            )
            if month and (entry.month_day or entry.recurring):
                self._add(
                    CalendarEntry,
                    entry.sources,
                    name=entry.name,
                    month=month,
                    month_day=entry.month_day,
                    period=entry.period,
                    note=entry.note,
                )

    def _documents(self) -> None:
        """Documents by their ids; signatures and consents as treaty actions.

        The first signatories of the founding documents and treaties are not listed by the
        sources: they are inferred as the member states on the day of signature, and marked so.
        """
        bodies = {body.key: body for body in Body.objects.all()}
        states = {state.code: state for state in State.objects.all()}
        for item in self.data.documents:
            notes = _notes("description", item.description) + _notes("note", *item.notes)
            if item.status_note:
                notes.append({"kind": "status", "text": item.status_note, "sources": []})
            document, _created = Document.objects.update_or_create(
                key=item.id,
                defaults={
                    "type": item.type,
                    "title_en": item.title_en,
                    "title_ru": item.title_ru or None,
                    "date": item.date[0] if item.date else None,
                    "date_precision": item.date[1] if item.date else "day",
                    "place": item.place,
                    "body": bodies.get(item.body) if item.body else None,
                    "action": item.action,
                    "amendments": [a.model_dump() for a in item.amendments],
                    "notes": notes,
                    "conflicts": item.conflicts,
                    "from_reference": True,
                },
            )
            self._cite(document, item.sources)
            reported = set()
            for signature in item.later_signatures:
                reported.add(signature.state)
                self._treaty_action(document, states[signature.state], "signature", signature)
            for consent in item.ratifications:
                words = consent.act.lower()
                kind = next((k for prefix, k in _CONSENT_WORDS if prefix in words), "ratification")
                self._treaty_action(document, states[consent.state], kind, consent)
            if item.type in ("founding", "treaty") and item.date:
                on = item.date[0]
                for state in registry_queries.members_on(on):
                    if state.code not in reported:
                        self._add(
                            TreatyAction,
                            item.sources,
                            document=document,
                            state=state,
                            kind="signature",
                            date=on,
                            date_precision=item.date[1],
                            place=item.place,
                            basis="inferred",
                            note="a member state on the day of signature",
                        )
            if item.type == "treaty":
                self._add(
                    TreatyParameters,
                    [key for clause in item.treaty_clauses for key in clause.sources],
                    document=document,
                    clauses=_notes("clause", *item.treaty_clauses),
                    **_TREATY_RULES.get(item.id, {}),
                )

    def _treaty_action(self, document, state, kind: str, item) -> None:
        self._add(
            TreatyAction,
            item.sources,
            document=document,
            state=state,
            kind=kind,
            date=item.date[0] if item.date else None,
            date_precision=item.date[1] if item.date else "day",
            place=item.place,
            note="; ".join(text for text in (item.act, item.note) if text),
        )
