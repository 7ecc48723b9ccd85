"""The registry's part of the dataset: its records, their sources, facts and conflicts."""

import gettext

import pycountry

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
from cica.registry.reference.base import BaseWriter, Cited, cited_notes
from cica.registry.reference.periods import holder_spans, period_of
from cica.registry.russian import basis_of, russian


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
            periods = holder_spans(holders)
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
