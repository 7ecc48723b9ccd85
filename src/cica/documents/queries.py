"""Reads of the documents register and of the treaty status of CICA's instruments."""

from django.db.models import Prefetch, Q, QuerySet

from cica.core import clock
from cica.core.errors import InvalidInput, NotFound
from cica.documents import rules
from cica.documents.models import Document, TreatyAction
from cica.registry import queries as registry
from cica.registry.models import State

FOUNDING = ("decl-principles-1999", "almaty-act")


def list_documents(
    *, type: str | None = None, year: int | None = None, q: str | None = None
) -> QuerySet[Document]:
    """Documents oldest first, by type, by year, or whose title contains `q` (either language)."""
    documents = Document.objects.select_related("body").prefetch_related("sources")
    if type:
        if type not in Document.Type.values:
            raise InvalidInput(
                f"unknown type {type!r}; expected one of: {', '.join(Document.Type.values)}",
                field="type",
            )
        documents = documents.filter(type=type)
    if year is not None:
        documents = documents.filter(date__year=year)
    if q:
        documents = documents.filter(Q(title_en__icontains=q) | Q(title_ru__icontains=q))
    return documents.order_by("date", "key")


def get_document(key: str) -> Document:
    document = (
        list_documents()
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=TreatyAction.objects.select_related("state").prefetch_related("sources"),
            ),
            "treaty__sources",
        )
        .filter(key=key)
        .first()
    )
    if document is None:
        raise NotFound(f"no document {key!r}", field="id")
    return document


def treaty_status(document: Document) -> dict:
    """Each state's actions on the instrument, and its entry into force computed from them."""
    actions = list(document.actions.all())
    by_state: dict[str, dict] = {}
    for action in actions:
        row = by_state.setdefault(action.state.code, {"state": action.state, "actions": []})
        row["actions"].append(action)
    signatories = {a.state_id for a in actions if a.kind == TreatyAction.Kind.SIGNATURE}
    consents = [
        a.date for a in actions if a.kind in rules.CONSENTS and a.state_id in signatories and a.date
    ]
    treaty = getattr(document, "treaty", None)
    eif = rules.compute_entry_into_force(
        signatories=len(signatories),
        consent_dates=consents,
        numerator=treaty.eif_share_numerator if treaty else None,
        denominator=treaty.eif_share_denominator if treaty else None,
        days=treaty.eif_days if treaty else None,
    )
    return {
        "document": document,
        "treaty": treaty,
        "entry_into_force": eif,
        "states": sorted(by_state.values(), key=lambda row: row["state"].name_en),
    }


def matrix() -> dict:
    """Instruments (founding documents and treaties) × states: who signed, who consented."""
    instruments = list(
        Document.objects.filter(Q(type="founding") | Q(type="treaty"))
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=TreatyAction.objects.only(
                    "document_id", "state_id", "kind", "date", "date_precision"
                ),
            )
        )
        .order_by("date", "key")
    )
    members = list(registry.list_states(as_of=clock.today(), status="member"))
    cells = {}
    for instrument in instruments:
        for action in instrument.actions.all():
            cell = cells.setdefault((instrument.pk, action.state_id), set())
            cell.add("signed" if action.kind == TreatyAction.Kind.SIGNATURE else "consented")
    rows = [
        {
            "state": state,
            "cells": [
                sorted(cells.get((instrument.pk, state.pk), ())) for instrument in instruments
            ],
        }
        for state in members
    ]
    return {"instruments": instruments, "rows": rows}


def founding_signatures(state: State) -> list[dict]:
    """Whether the state signed each founding document: admission requires both (DOMAIN.md 9)."""
    signed = {
        action.document.key: action
        for action in TreatyAction.objects.filter(
            state=state, kind=TreatyAction.Kind.SIGNATURE, document__key__in=FOUNDING
        ).select_related("document")
    }
    documents = Document.objects.filter(key__in=FOUNDING).order_by("date")
    return [{"document": d, "signature": signed.get(d.key)} for d in documents]
