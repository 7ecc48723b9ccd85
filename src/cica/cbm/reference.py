"""The CBMs' part of the reference dataset: the Catalogue's dimensions, priority areas,
coordinators and versions (the loader: cica.reference.writer)."""

import re

from cica.cbm.models import CatalogueVersion, Coordination, Dimension, PriorityArea
from cica.core import dates
from cica.registry.models import Body, State
from cica.registry.reference import BaseWriter, cited_notes, span
from cica.registry.russian import russian

_TERM = re.compile(r"^(\d{4})-(\d{4})$")

_BODY_ABBREVIATIONS = {
    "soc": ("SOC", "КСДЛ"),
    "swg": ("SWG", "СРГ"),
    "ministerial": ("Ministerial Council", "СМИД"),
    "summit": ("Summit", "Саммита"),
}

COORDINATOR = Coordination.Role.COORDINATOR
CO_COORDINATOR = Coordination.Role.CO_COORDINATOR


class CbmWriter(BaseWriter):
    def clear(self) -> None:
        Coordination.objects.filter(from_reference=True).delete()

    def write(self, *, documents: dict) -> None:
        """`documents`: the documents by key (the documents app gives them: the loader passes
        them on), for the Catalogue's versions and the areas' documents."""
        self._cbm(documents)

    def counts(self) -> dict[str, int]:
        return {"cbm_areas": PriorityArea.objects.count()}

    def _cbm(self, documents: dict) -> None:
        cbm = self.data.cbm
        if cbm is None:
            return
        self.states = {state.code: state for state in State.objects.all()}
        self.documents = documents
        bodies = {body.key: body for body in Body.objects.all()}
        for item in cbm.catalogue_versions:
            version, _created = CatalogueVersion.objects.update_or_create(
                key=item.id,
                defaults={
                    "document": self.documents.get(item.id),
                    "adopted_on": item.adopted[0] if item.adopted else None,
                    "body": bodies.get(item.body) if item.body else None,
                    "notes": [{"kind": "note", "text": item.note, "sources": []}]
                    if item.note
                    else [],
                    "from_reference": True,
                },
            )
            self._cite(version, item.sources)
        for position, item in enumerate(cbm.dimensions):
            notes = cited_notes(
                "note",
                item.measures_note,
                item.priorities_text,
                item.cooperative_approach_priorities,
                item.priority_areas_source,
                *item.events,
            )
            dimension, _created = Dimension.objects.update_or_create(
                key=item.id,
                defaults={
                    "name_en": item.name_en,
                    "name_ru": item.name_ru or russian(item.name_en),
                    "position": position,
                    "notes": notes,
                    "from_reference": True,
                },
            )
            self._cite(dimension, [item.name_ru_source] if item.name_ru_source else [])
            # A dimension without priority areas is coordinated as a whole: one area of its own.
            areas = item.priority_areas or [item]
            for area_position, area_item in enumerate(areas):
                self._area(dimension, area_item, area_position, whole=not item.priority_areas)
        # The Catalogue's principles and proposed areas are the registry's cited facts.
        facts = [("cbm-principle", "", text) for text in cbm.principles]
        facts += [("cbm-proposed-area", "", text) for text in cbm.proposed_new_areas]
        self._facts(facts)

    def _area(self, dimension: Dimension, item, position: int, *, whole: bool) -> None:
        notes = []
        if item.note:
            notes.append({"kind": "note", "text": item.note, "sources": item.sources})
        if item.documents_note:
            notes.append({"kind": "documents", "text": item.documents_note, "sources": []})
        if item.introduced and item.introduced.get("text"):
            notes.append(
                {
                    "kind": "introduced",
                    "text": item.introduced["text"],
                    "sources": item.introduced.get("sources", []),
                }
            )
        area, _created = PriorityArea.objects.update_or_create(
            key=item.id,
            defaults={
                "dimension": dimension,
                "name_en": item.name_en,
                "name_ru": item.name_ru or russian(item.name_en),
                "position": position,
                "whole_dimension": whole,
                "notes": notes,
                "from_reference": True,
            },
        )
        self._cite(area, item.sources)
        area.documents.set([self.documents[key] for key in item.documents if key in self.documents])
        if item.coordinator:
            self._term(area, item.coordinator.state, COORDINATOR, item.coordinator)
        for co in [*item.co_coordinators, *item.co_coordinator_additions]:
            self._term(area, co.state, CO_COORDINATOR, co)
        for term in item.coordinator_history:
            self._history(area, term)

    def _start(self, item) -> tuple:
        """A term's start and basis, and the dates a source attests it on, if that is all."""
        if getattr(item, "valid_from", None):
            return item.valid_from, Coordination.Basis.ASSIGNED, []
        text = getattr(item, "attested", "") or ""
        attested = dates.partial_dates_in(text)
        if not attested and self.data.meta and self.data.meta.compiled:
            # An undated role ("current s-cica page", or a page with no date) is attested on
            # the day the data was compiled from those pages, not valid on every past date.
            attested = [self.data.meta.compiled]
        return None, Coordination.Basis.ATTESTED, attested

    def _term(
        self, area, code, role, item, *, start=None, end=None, basis=None, note="", whole=False
    ):
        attested = []
        if start is None and basis is None:
            start, basis, attested = self._start(item)
        # A term whose end no source gives is "end unknown", not "present".
        period = span(start, end, start_unknown=True, end_unknown=True)
        if whole:
            # A term of whole years ("2024-2025") covers them from their first day to their last.
            period |= {"from_latest": period["valid_from"], "to_earliest": period["valid_to"]}
        # A note the writer words itself comes with its Russian form: (English, Russian).
        english, russian_note = note if isinstance(note, tuple) else (note, None)
        notes = (
            [{"kind": "note", "text": english, "text_ru": russian_note, "sources": item.sources}]
            if note
            else []
        )
        if attested:
            # A page of date D attests the role on D, not from D: its start and end are unknown;
            # it is certain only between the first and the last attestation.
            first, last = dates.bounds(*attested[0]), dates.bounds(*attested[-1])
            period |= {
                "valid_from": first[0],
                "from_precision": attested[0][1],
                "from_latest": first[1],
                "to_earliest": last[0],
            }
            notes.append(
                {
                    "kind": "attested",
                    "text": ", ".join(dates.format_partial_date(*day) for day in attested),
                    "sources": item.sources,
                }
            )
        self._add(
            Coordination,
            item.sources,
            area=area,
            state=self.states[code],
            role=role,
            basis=basis,
            notes=notes,
            **period,
        )

    def _history(self, area, term) -> None:
        """A line of a coordinator history: a term of years, a start, or an attestation."""
        codes = [(term.coordinator, COORDINATOR)] if term.coordinator else []
        codes += [(term.co_coordinator, CO_COORDINATOR)] if term.co_coordinator else []
        codes += [(code, CO_COORDINATOR) for code in term.co_coordinators]
        if not codes:
            # The source names no state by its role: the line stays a note of the area.
            area.notes = [
                *area.notes,
                {
                    "kind": "history",
                    "text": f"{term.period}: {term.text}",
                    "text_ru": f"{term.period}: {russian(term.text) or term.text}",
                    "sources": term.sources,
                },
            ]
            area.save(update_fields=["notes"])
            return
        years = _TERM.match(term.period)
        note = term.text
        if term.decided:
            # Abbreviations, as the sources write them (GLOSSARY-RU for the Russian).
            english, russian_name = _BODY_ABBREVIATIONS[term.body or "soc"]
            day = term.decided[0].isoformat()
            note = (f"decided by the {english} on {day}", f"решение {russian_name} от {day}")
        for code, role in codes:
            if years:
                first, last = years.groups()
                start, end = dates.parse_partial_date(first), dates.parse_partial_date(last)
                basis = Coordination.Basis.ASSIGNED if term.decided else Coordination.Basis.ATTESTED
                self._term(
                    area, code, role, term, start=start, end=end, basis=basis, note=note, whole=True
                )
            elif "volunteer" in term.text:
                start, _basis, _attested = self._start(term)
                basis = Coordination.Basis.VOLUNTEERED
                self._term(area, code, role, term, start=start, basis=basis, note=note)
            else:
                self._term(area, code, role, term, note=note)
