"""The documents' part of the reference dataset: documents, and the treaty actions of the states
(the loader: cica.reference.writer)."""

import datetime as dt
from collections.abc import Callable

from cica.documents import rules, search
from cica.documents.actions import refresh_entry_into_force
from cica.documents.models import Document, TreatyAction, TreatyParameters
from cica.registry import queries as registry_queries
from cica.registry.models import (
    Body,
    MembershipStatus,
    State,
)
from cica.registry.reference import BaseWriter, cited_notes
from cica.registry.russian import russian

# The meeting of a body (by key) held on a day, if any: the meetings app gives it (the loader
# passes it on), as the documents app does not import the meetings.
MeetingOn = Callable[[str, dt.date], object]

# Treaty clauses as parameters, read from the clauses the reference data quotes (fsou-secr-2).
_TREATY_RULES = {
    "secretariat-agreement": {
        "depositary": "Ministry of Foreign Affairs of Kazakhstan",
        "eif_share_numerator": 2,
        "eif_share_denominator": 3,
        "eif_days": 30,
        # "... after two-thirds of signatory Member States notify the depositary of completion
        # of internal procedures": the notification counts, not the ratification before it.
        "eif_acts": ["notification"],
        "provisional_application": True,
    },
}

# What the titles themselves say: "Protocol amending the Statute", "Amendments to the Rules",
# "Updated Catalogue", "new Rules of Procedure" (seed-004).
_RELATIONS = {
    "amends": {
        "protocol-secretariat-2008": ["secretariat-agreement"],
        "rop-amend-2021": ["rop-2014"],
    },
    "supersedes": {"catalogue-2021": ["catalogue-2004"], "rop-2014": ["rop-2004"]},
}

# The kind of a consent from the words of the source ("ratified", "approved (核准) ...").
_CONSENT_WORDS = (
    ("ratif", "ratification"),
    ("approv", "approval"),
    ("accept", "acceptance"),
    ("acce", "accession"),
)


class DocumentsWriter(BaseWriter):
    def clear(self) -> None:
        TreatyAction.objects.filter(from_reference=True).delete()
        TreatyParameters.objects.filter(from_reference=True).delete()

    def write(self, *, meeting_on: MeetingOn) -> None:
        self._documents(meeting_on)

    def counts(self) -> dict[str, int]:
        return {"documents": len(self.data.documents)}

    @staticmethod
    def by_key() -> dict[str, Document]:
        """Every document by its key (for the Catalogue's versions and areas)."""
        return {document.key: document for document in Document.objects.all()}

    def _documents(self, meeting_on: MeetingOn) -> None:
        """Documents by their ids; signatures and consents as treaty actions.

        The first signatories of the founding documents and treaties are not listed by the
        sources: they are inferred as the member states on the day of signature, and marked so.
        """
        bodies = {body.key: body for body in Body.objects.all()}
        states = {state.code: state for state in State.objects.all()}
        documents = {}
        for item in self.data.documents:
            notes = cited_notes("description", item.description) + cited_notes("note", *item.notes)
            if item.status_note:
                notes.append({"kind": "status", "text": item.status_note, "sources": []})
            document, _created = Document.objects.update_or_create(
                key=item.id,
                defaults={
                    "type": item.type,
                    # A draft is a draft; adoption that the sources qualify is unconfirmed.
                    "status": rules.recorded_status(item.type, item.status_note),
                    "title_en": item.title_en,
                    "title_ru": item.title_ru or russian(item.title_en),
                    "date": item.date[0] if item.date else None,
                    "date_precision": item.date[1] if item.date else "day",
                    "place": item.place,
                    "body": bodies.get(item.body) if item.body else None,
                    "action": item.action,
                    "meeting": self._meeting_of(meeting_on, item),
                    "amendments": [a.model_dump() for a in item.amendments],
                    "notes": notes,
                    "conflicts": item.conflicts,
                    "from_reference": True,
                },
            )
            self._cite(document, item.sources)
            documents[item.id] = document
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
                        reported.add(state.code)
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
            if item.type == "founding" and item.date:
                self._signed_by_members(document, item.date, reported)
            if item.type == "treaty":
                self._add(
                    TreatyParameters,
                    [key for clause in item.treaty_clauses for key in clause.sources],
                    document=document,
                    clauses=cited_notes("clause", *item.treaty_clauses),
                    **_TREATY_RULES.get(item.id, {}),
                )
                refresh_entry_into_force(document)
        for relation, pairs in _RELATIONS.items():
            for key, targets in pairs.items():
                if key in documents:
                    getattr(documents[key], relation).set(
                        [documents[target] for target in targets if target in documents]
                    )
        search.rebuild()

    def _signed_by_members(self, document, date, signed: set[str]) -> None:
        """A founding document signed by every state that became a member: membership is
        granted only after the candidate signs both founding documents (inform-3990035,
        utv-2018). Dated the later of the document's date and the day the state first became a
        member, as the sources give neither the day nor the place of these signatures."""
        first_member = {}
        for status in MembershipStatus.objects.filter(
            status=MembershipStatus.Status.MEMBER, state__isnull=False
        ).order_by("valid_from"):
            first_member.setdefault(status.state_id, status)
        for state in State.objects.filter(pk__in=first_member).exclude(code__in=signed):
            member = first_member[state.pk]
            on, precision = date
            if member.valid_from and member.valid_from > on:
                on, precision = member.valid_from, member.from_precision
            self._add(
                TreatyAction,
                self.MEMBERSHIP_RULE,
                document=document,
                state=state,
                kind="signature",
                date=on,
                date_precision=precision,
                basis="inferred",
                note=(
                    "inferred from the membership rule: membership is granted after the "
                    "candidate signs both founding documents (inform-3990035, utv-2018); "
                    "signed by the day it became a member"
                ),
            )

    # The sources of the rule that a member has signed both founding documents.
    MEMBERSHIP_RULE = ["inform-3990035", "utv-2018"]

    @staticmethod
    def _meeting_of(meeting_on: MeetingOn, item):
        """The meeting of the adopting body held on the document's day, if the date is a day."""
        if not (item.body and item.date and item.date[1] == "day"):
            return None
        return meeting_on(item.body, item.date[0])

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
