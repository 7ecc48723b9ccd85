"""Reads of the documents register and of the treaty status of CICA's instruments."""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from cica.core import clock, dates
from cica.core.errors import InvalidInput, NotFound
from cica.documents import rules, search
from cica.documents.models import Document, DocumentFile, TreatyAction, TreatyParameters
from cica.registry import queries as registry
from cica.registry.models import Body, State

# What a cached read of documents depends on (core.cache).
CACHE_READS = ("documents", *registry.CACHE_READS)

FOUNDING = ("decl-principles-1999", "almaty-act")


STATUSES = ("draft", "unconfirmed", "adopted", "in_force", "superseded")


def _with_status(documents: QuerySet[Document]) -> QuerySet[Document]:
    """Annotate what the status is derived from: supersession and the computed entry into force."""
    return documents.annotate(
        is_superseded=Exists(
            Document.supersedes.through.objects.filter(
                to_document=OuterRef("pk"), from_document__status=Document.Status.ADOPTED
            )
        ),
        # A subquery, not a join: a count of the list leaves it out.
        in_force_on=Subquery(
            TreatyParameters.objects.filter(document=OuterRef("pk")).values("entry_into_force")[:1]
        ),
    )


def status_of(document: Document) -> str:
    return rules.document_status(
        document.status,
        superseded=document.is_superseded,
        in_force_on=document.in_force_on,
        today=clock.today(),
    )


def _body(key: str | None) -> Body | None:
    if not key:
        return None
    return registry.get_body_by_key(key)


def _check_type(type: str | None) -> None:
    if type and type not in Document.Type.values:
        raise InvalidInput(
            f"unknown type {type!r}; expected one of: {', '.join(Document.Type.values)}",
            field="type",
        )


def list_documents(
    *,
    type: str | None = None,
    year: int | None = None,
    q: str | None = None,
    body: str | None = None,
    status: str | None = None,
) -> QuerySet[Document]:
    """Documents oldest first, by type, year, body, status, or words of the title."""
    # The texts stay behind: a list shows titles, and texts run to hundreds of kilobytes.
    documents = _with_status(
        Document.objects.select_related("body")
        .prefetch_related("sources")
        .defer("text", "text_en", "text_ru")
    )
    _check_type(type)
    if type:
        documents = documents.filter(type=type)
    if year is not None:
        documents = documents.filter(date__year=year)
    if body:
        documents = documents.filter(body=_body(body))
    if status:
        if status not in STATUSES:
            raise InvalidInput(
                f"unknown status {status!r}; expected one of: {', '.join(STATUSES)}",
                field="status",
            )
        today = clock.today()
        in_force = Q(in_force_on__isnull=False, in_force_on__lte=today)
        # Negated explicitly: NOT on a NULL annotation would drop the row.
        not_in_force = Q(in_force_on__isnull=True) | Q(in_force_on__gt=today)
        documents = documents.filter(
            {
                "draft": Q(status="draft"),
                "unconfirmed": Q(status="unconfirmed"),
                "superseded": Q(status="adopted", is_superseded=True),
                "in_force": Q(status="adopted", is_superseded=False) & in_force,
                "adopted": Q(status="adopted", is_superseded=False) & not_in_force,
            }[status]
        )
    if q:
        documents = documents.filter(Q(title_en__icontains=q) | Q(title_ru__icontains=q))
    return documents.order_by("date", "key")


def document_rows(documents: QuerySet[Document]) -> list[dict]:
    """The API's DocumentOut of each document, from two queries of plain values (the list's fast
    path): the documents with their status annotations, then the keys of their sources."""
    rows = list(
        documents.values(
            "id",
            "key",
            "type",
            "symbol",
            "status",
            "is_superseded",
            "in_force_on",
            "title_en",
            "title_ru",
            "date",
            "date_precision",
            "place",
            body_key=F("body__key"),
        )
    )
    sources = registry.source_keys(Document, [row["id"] for row in rows])
    today = clock.today()
    return [
        {
            "id": row["key"],
            "type": row["type"],
            "symbol": row["symbol"],
            "status": rules.document_status(
                row["status"],
                superseded=row["is_superseded"],
                in_force_on=row["in_force_on"],
                today=today,
            ),
            "title_en": row["title_en"],
            "title_ru": row["title_ru"],
            "date": dates.format_partial_date(row["date"], row["date_precision"]) or None,
            "place": row["place"],
            "body": row["body_key"],
            "sources": sources[row["id"]],
        }
        for row in rows
    ]


def get_document(key: str) -> Document:
    document = (
        list_documents()
        .defer(None)
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=TreatyAction.objects.select_related("state").prefetch_related("sources"),
            ),
            Prefetch("files", queryset=DocumentFile.objects.defer("text")),
            "treaty__sources",
            "amends",
            "supersedes",
            "amended_by",
            "superseded_by",
        )
        .select_related("meeting__body", "decision")
        .filter(key=key)
        .first()
    )
    if document is None:
        raise NotFound(f"no document {key!r}", field="id")
    return document


def document_to_change(key: str) -> Document:
    """The document an edit is about to change, by its key: only its id and key, as the action
    re-reads it under its lock (actions.update_document) and the answer reads it again."""
    document = Document.objects.only("key").filter(key=key).first()
    if document is None:
        raise NotFound(f"no document {key!r}", field="id")
    return document


def get_file(key: str, file_id: int) -> DocumentFile:
    file = DocumentFile.objects.filter(document__key=key, pk=file_id).defer("text").first()
    if file is None:
        raise NotFound(_("No such file."), field="file_id")
    return file


@dataclass(frozen=True)
class Hit:
    document: Document
    title: str  # HTML: escaped, the words sought in <mark>
    snippet: str  # HTML likewise


@dataclass(frozen=True)
class SearchResults:
    query: search.Query
    total: int  # the matches ranked: all of them unless `more`
    more: bool  # more than search.RANK_LIMIT documents match
    hits: list[Hit]


def search_documents(
    q: str,
    *,
    lang: str | None = None,
    type: str | None = None,
    year: int | None = None,
    body: str | None = None,
    offset: int = 0,
    limit: int = 20,
) -> SearchResults:
    """Documents whose title or texts hold the words, best first, with highlighted snippets."""
    query = search.parse(q, lang)
    _check_type(type)
    body_row = _body(body)
    ids, more = search.ranked_ids(
        query, search.Filters(type=type, year=year, body_id=body_row.pk if body_row else None)
    )
    page = ids[offset : offset + limit]
    documents = {
        d.pk: d
        for d in _with_status(
            Document.objects.filter(pk__in=page)
            .select_related("body")
            .prefetch_related(
                "sources",
                Prefetch(
                    "files",
                    queryset=DocumentFile.objects.filter(language=query.lang).only(
                        "document_id", "language", "text"
                    ),
                ),
            )
        )
    }
    hits = []
    for pk in page:
        document = documents.get(pk)
        if document is None:  # deleted since it was ranked
            continue
        title, texts = search.document_texts(
            document, query.lang, [(f.language, f.text) for f in document.files.all()]
        )
        hits.append(
            Hit(
                document=document,
                title=search.highlight(title or document.title, query),
                snippet=search.snippet(texts, query),
            )
        )
    return SearchResults(query=query, total=len(ids), more=more, hits=hits)


def _counted_kinds(treaty: TreatyParameters | None) -> list[str]:
    return list((treaty.eif_acts or rules.CONSENTS) if treaty else rules.CONSENTS)


def counted_acts_text(kinds: list[str]) -> str:
    """The acts a clause counts, in words: "ratification, acceptance, approval or accession"."""
    labels = [str(TreatyAction.Kind(kind).label) for kind in kinds]
    if len(labels) < 2:
        return "".join(labels)
    return _("%(items)s or %(last)s") % {"items": ", ".join(labels[:-1]), "last": labels[-1]}


def _mark(actions: list[TreatyAction], eif: rules.EntryIntoForce, clause: bool) -> None:
    """Mark on each action whether it is the one its state counts by, under a clause."""
    for action in actions:
        count = eif.states.get(action.state_id)
        action.counted = clause and count is not None and count.counted and count.act is action


def treaty_status(document: Document) -> dict:
    """Each state's actions on the instrument, which one counted towards its entry into force
    and when, and the entry into force computed from them (each state counted once)."""
    actions = list(document.actions.all())
    treaty = getattr(document, "treaty", None)
    eif = rules.treaty_entry_into_force(treaty, actions)
    clause = eif.needed is not None
    _mark(actions, eif, clause)
    by_state: dict[str, dict] = {}
    for action in actions:
        row = by_state.setdefault(
            action.state.code,
            {"state": action.state, "actions": [], "count": eif.states[action.state_id]},
        )
        row["actions"].append(action)
    return {
        "document": document,
        "treaty": treaty,
        "entry_into_force": eif,
        "in_force": eif.in_force(clock.today()),
        "clause": clause,
        "counted_kinds": _counted_kinds(treaty),
        "counted_acts": counted_acts_text(_counted_kinds(treaty)),
        "states": sorted(by_state.values(), key=lambda row: row["state"].name_en),
    }


def matrix() -> dict:
    """Instruments (founding documents and treaties) × member states: who signed, which act
    counted towards the entry into force and when, which did not; each instrument's count."""
    instruments = list(
        Document.objects.filter(Q(type="founding") | Q(type="treaty"))
        .select_related("treaty")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=TreatyAction.objects.only(
                    "document_id", "state_id", "kind", "date", "date_precision"
                ).order_by("date", "pk"),
            )
        )
        .order_by("date", "key")
    )
    members = list(registry.list_states(as_of=clock.today(), status="member"))
    today = clock.today()
    cells: dict[tuple[int, int], dict] = {}
    for instrument in instruments:
        actions = list(instrument.actions.all())
        treaty = getattr(instrument, "treaty", None)
        instrument.eif = rules.treaty_entry_into_force(treaty, actions)
        instrument.clause = instrument.eif.needed is not None
        instrument.in_force = instrument.eif.in_force(today)
        instrument.counted_acts = counted_acts_text(_counted_kinds(treaty))
        _mark(actions, instrument.eif, instrument.clause)
        for action in actions:
            cell = cells.setdefault(
                (instrument.pk, action.state_id), {"signature": None, "acts": [], "reason": None}
            )
            if action.kind == TreatyAction.Kind.SIGNATURE and cell["signature"] is None:
                cell["signature"] = action
            elif action.kind != TreatyAction.Kind.SIGNATURE:
                cell["acts"].append(action)
            if instrument.clause:
                cell["reason"] = instrument.eif.states[action.state_id].reason
    empty = {"signature": None, "acts": [], "reason": None}
    rows = [
        {
            "state": state,
            "cells": [
                {**cells.get((instrument.pk, state.pk), empty), "instrument": instrument}
                for instrument in instruments
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
