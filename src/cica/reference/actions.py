"""Load the reference dataset into the registry: all of it in one transaction, or nothing."""

import gettext
from dataclasses import dataclass
from pathlib import Path

import pycountry
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from cica.accounts.permissions import can_edit_registry
from cica.core import audit
from cica.core.errors import PermissionDenied
from cica.decisions.models import Decision
from cica.reference import loader
from cica.reference.schema import CitedText, ReferenceIn
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


@dataclass(frozen=True)
class LoadReport:
    path: str
    sha256: str
    counts: dict[str, int]


def load_reference(*, acting_user=None, path: Path | str | None = None) -> LoadReport:
    """Check the file, then replace the registry's reference records with its content.

    Loading the same file again gives the same registry. Names the Secretariat has edited are
    kept. A malformed file raises ReferenceDataError and changes nothing.
    """
    if not can_edit_registry(acting_user):
        raise PermissionDenied(_("Only the Secretariat loads reference data."))
    parsed = loader.parse(path or settings.CICA_REFERENCE_PATH)
    with transaction.atomic():
        counts = _Writer(parsed.data).write()
        audit.record(
            actor=acting_user,
            action="reference.load",
            payload={"file": parsed.path.name, "sha256": parsed.sha256, "counts": counts},
        )
    return LoadReport(path=str(parsed.path), sha256=parsed.sha256, counts=counts)


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


class _Writer:
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
        self._sources()
        states = self._states()
        self._organizations()
        self._bodies()
        self._chairmanships(states)
        self._secretariat(states)
        self._facts_and_conflicts()
        self._historical_decisions()
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


def _ordinal(number: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number if number < 20 else number % 10, "th")
    return f"{number}{suffix}"
