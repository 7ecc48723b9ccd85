"""Documents, and the treaty actions of the states."""

from cica.documents.models import Document, TreatyAction, TreatyParameters
from cica.reference.writers.base import BaseWriter, _notes
from cica.registry import queries as registry_queries
from cica.registry.models import (
    Body,
    State,
)

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


class DocumentsWriter(BaseWriter):
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
