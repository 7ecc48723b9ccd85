"""The registry's part of the reference dataset: sources, states, organizations, bodies, chairs,
the Secretariat, facts and conflicts, the About page's facts; and what every app's writer shares.

The reference loader (cica.reference.writer) checks the file, then has each app write its part
through its own `reference.py`, inside load_reference's transaction. The data is the checked
file (cica.reference.schema.ReferenceIn); the writers read its sections by name.
"""

import datetime as dt
import gettext
from dataclasses import dataclass, field
from typing import Any

import pycountry

from cica.core import dates
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
from cica.registry.russian import basis_of, russian


@dataclass(frozen=True)
class Cited:
    """A text a writer words itself, with the sources it rests on (as the data's CitedText)."""

    text: str
    sources: list[str] = field(default_factory=list)


def cited_notes(kind: str, *texts) -> list[dict]:
    """The notes of a record: each cited text (the data's CitedText, or Cited) of `kind`."""
    return [{"kind": kind, "text": text.text, "sources": text.sources} for text in texts if text]


def period_of(record, *, start_unknown: bool = False, end_unknown: bool = False) -> dict:
    """The Period fields of a record whose `valid_from` and `valid_to` are partial dates.

    Each boundary spans its period: "from 2014-05" may have begun on any day of May 2014. A
    missing start is unknown when `start_unknown` (a relation no source dates), else open; a
    missing end is unknown when `end_unknown` (a term no source ends), else open.
    """
    return span(record.valid_from, record.valid_to, start_unknown, end_unknown)


def span(start, end, start_unknown: bool = False, end_unknown: bool = False) -> dict:
    """The Period fields from partial dates (first day, precision), either of them None."""
    fields = {
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


class BaseWriter:
    """Writes an app's part of a checked dataset inside load_reference's transaction.

    `sources` maps the data's source ids to their rows: one mapping for every app's writer,
    which the registry's fills first.
    """

    def __init__(self, data: Any, sources: dict[str, Source]):
        self.data = data
        self.sources = sources

    def _cite(self, record, source_ids: list[str]) -> None:
        """Attach `record`'s sources, in the file's order."""
        record.sources.set([self.sources[key] for key in dict.fromkeys(source_ids)])

    def _add(self, model, source_ids: list[str], **fields):
        """Create one of the reference data's own records, with its sources."""
        record = model.objects.create(from_reference=True, **fields)
        self._cite(record, source_ids)
        return record

    def _facts(self, facts: list[tuple[str, str, Any]]) -> None:
        """The registry's cited facts, by topic: (topic, date, cited text), in their order."""
        for position, (topic, date, text) in enumerate(facts):
            self._add(
                CitedFact, text.sources, topic=topic, date=date, text=text.text, position=position
            )


class RegistryWriter(BaseWriter):
    # The reference data's own records, replaced as a whole; those actions made (a status from an
    # admission decision, say) stay.
    OWN_RECORDS = (
        MembershipStatus,
        BodyName,
        BodyFrequency,
        Chairmanship,
        PostTitle,
        PostHolder,
        Seat,
        CitedFact,
        ReportedCount,
    )

    def clear(self) -> None:
        for model in self.OWN_RECORDS:
            model.objects.filter(from_reference=True).delete()
        Conflict.objects.all().delete()

    def write(self) -> None:
        """Everything but the About page's facts (write_about), in this order: the sources first,
        as every writer cites them."""
        self._sources()
        states = self._states()
        self._organizations()
        self._bodies()
        self._chairmanships(states)
        self._secretariat(states)
        self._facts_and_conflicts()

    def counts(self) -> dict[str, int]:
        return {
            "sources": len(self.data.sources),
            "states": len(self.data.states),
            "organizations": len(self.data.organizations),
            "statuses": MembershipStatus.objects.count(),
            "bodies": len(self.data.bodies),
            "chairmanships": len(self.data.chairmanships),
            "reported_counts": len(self.data.counts_over_time),
            "conflicts": len(self.data.conflicts),
        }

    def write_about(self) -> None:
        """One CitedFact per fact of supplement.yaml (topic "about-<key>"); its quotes, with
        their sources, and the basis of its Russian text are kept in its notes."""
        supplement = self.data.supplement
        for position, fact in enumerate(supplement.about if supplement else []):
            self._add(
                CitedFact,
                fact.sources,
                topic=f"about-{fact.key}",
                date=fact.date,
                text_en=fact.en,
                text_ru=fact.ru,
                position=position,
                notes=[{"kind": "ru_basis", "text": fact.ru_basis, "sources": []}]
                + [
                    {"kind": "quote", "text": q.en, "text_ru": q.ru, "sources": [q.source]}
                    for q in fact.quotes
                ],
            )

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
                # A relation no source dates is "date unknown", not valid on every past date.
                **period_of(entry, start_unknown=True),
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
            state.notes = cited_notes("note", *item.notes)
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
                    "name_ru": item.name_ru or russian(item.name_en),
                    "name_ru_basis": item.name_ru_source
                    or basis_of(item.name_en, russian(item.name_en))
                    or "",
                    "notes": cited_notes("rule", *item.rule_notes)
                    + cited_notes("related", *item.related),
                    "from_reference": True,
                },
            )
            self._cite(organization, self._statuses(item.status_history, organization=organization))

    def _bodies(self) -> None:
        for position, item in enumerate(self.data.bodies):
            established = item.established.date if item.established else None
            notes = (
                cited_notes("role", item.role)
                + cited_notes("composition", item.composition)
                + cited_notes("hosting_rule", item.hosting_rule)
                + cited_notes("informal_meetings", item.informal_meetings)
                + cited_notes("rules", item.rules)
                + cited_notes("typical_output", *item.typical_outputs)
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
                    name_ru=name.name_ru or russian(name.name_en),
                    notes=[{"kind": "note", "text": name.note, "sources": []}] if name.note else [],
                    **period_of(name),
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
                        title_ru=russian(title.title),
                        basis_note=title.from_basis,
                        **period_of(title),
                    )

    def _chairmanships(self, states: dict[str, State]) -> None:
        for item in self.data.chairmanships:
            self._add(
                Chairmanship,
                [key for how in item.how for key in how.sources],
                state=states[item.state],
                notes=cited_notes("how", *item.how)
                + cited_notes("note", *item.notes)
                + cited_notes("duties", item.duties)
                + cited_notes("priorities", item.priorities),
                conflicts=item.conflicts,
                **period_of(item),
            )

    def _secretariat(self, states: dict[str, State]) -> None:
        secretariat = self.data.secretariat
        if secretariat is None:
            return
        for seat in secretariat.seat_history:
            self._add(
                Seat,
                seat.sources,
                city_en=seat.city,
                city_ru=russian(seat.city),
                note=seat.note,
                **period_of(seat),
            )
        for kind, holders in (
            (SecretariatPost.Kind.HEAD, secretariat.heads),
            (SecretariatPost.Kind.DEPUTY, secretariat.deputies),
        ):
            post = SecretariatPost.objects.get_or_create(kind=kind)[0]
            periods = _holder_spans(holders)
            for position, (holder, period) in enumerate(zip(holders, periods, strict=True)):
                basis = holder.nationality_basis
                self._add(
                    PostHolder,
                    holder.sources + (basis.sources if basis else []),
                    post=post,
                    person_en=holder.name,
                    person_ru=russian(holder.name),
                    title_en=holder.title,
                    title_ru=russian(holder.title),
                    nationality=states[holder.nationality] if holder.nationality else None,
                    nationality_note=basis.text if basis else holder.nationality_note,
                    attested=holder.attested,
                    note="; ".join(text for text in (holder.note, holder.to_basis) if text),
                    position=position,
                    **period,
                )
        facts = [
            (
                "secretariat-premises",
                premises.date,
                Cited(text=premises.event, sources=premises.sources),
            )
            for premises in secretariat.premises
        ]
        facts += [("secretariat-staffing", "", rule) for rule in secretariat.staffing_rules]
        facts += [("secretariat-budget", "", rule) for rule in secretariat.budget_and_finance]
        facts += [
            ("secretariat-conflict", "", Cited(text=text, sources=[]))
            for text in secretariat.seat_conflicts + secretariat.premises_conflicts
        ]
        self._facts(facts)

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


def _holder_spans(holders) -> list[dict]:
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
