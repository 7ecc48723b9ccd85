"""The documents API: the register, the treaty status of CICA's instruments, and search."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, UploadedFile
from ninja.responses import Status

from cica.accounts.auth import api_auth
from cica.core import attachments
from cica.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    NonBlank,
    PageIn,
    PageOut,
    json_response,
    page_json,
)
from cica.core.cache import cached_read
from cica.core.conditional import RECORD, conditional
from cica.core.csvfile import csv_text
from cica.core.errors import InvalidInput, NotFound
from cica.documents import actions, queries
from cica.documents.models import Document, TreatyAction
from cica.documents.schemas import (
    DocumentDetailOut,
    DocumentFieldsIn,
    DocumentIn,
    DocumentOut,
    FileIn,
    FileOut,
    SearchOut,
    TreatyActionIn,
    TreatyStatusOut,
)
from cica.registry import queries as registry

router = Router(tags=["documents"])


class DocumentsPage(PageOut):
    items: list[DocumentOut]


@router.get("/documents", response={200: DocumentsPage, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def list_documents(
    request: HttpRequest,
    page: Query[PageIn],
    type: Literal[tuple(Document.Type.values)] | None = None,  # type: ignore[valid-type]
    year: int | None = Query(None, ge=1990, le=2200),
    q: str | None = Query(None, max_length=200),
    body: str | None = None,
    status: Literal[tuple(queries.STATUSES)] | None = None,  # type: ignore[valid-type]
):
    """Documents, oldest first; by type, year, body, status or words of the title (either
    language). For words of the texts, use /search."""
    return json_response(_documents_page(type, year, q, body, status, page))


@cached_read("documents.list", reads=queries.CACHE_READS)
def _documents_page(type_, year, q, body, status, page: PageIn) -> bytes:
    documents = queries.list_documents(type=type_, year=year, q=q, body=body, status=status)
    return page_json(documents, queries.document_rows, page)


@router.get("/search", response={200: SearchOut, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def search(
    request: HttpRequest,
    q: NonBlank = Query(..., max_length=200),
    lang: Literal["en", "ru"] | None = Query(None, description="by default, ru if q is Cyrillic"),
    type: Literal[tuple(Document.Type.values)] | None = None,  # type: ignore[valid-type]
    year: int | None = Query(None, ge=1990, le=2200),
    body: str | None = None,
    page: int = Query(1, ge=1, le=50),
    page_size: int = Query(20, ge=1, le=100),
):
    """Full-text search of titles and texts (attached files included), stemmed in English and
    Russian. All words must occur; "quoted words" in that order; -word must not occur."""
    results = queries.search_documents(
        q,
        lang=lang,
        type=type,
        year=year,
        body=body,
        offset=(page - 1) * page_size,
        limit=page_size,
    )
    return {
        "q": q,
        "lang": results.query.lang,
        "count": results.total,
        "more": results.more,
        "page": page,
        "page_size": page_size,
        "items": results.hits,
    }


@router.get(
    "/documents/matrix.csv",
    response={200: None, **READ_ERRORS},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
@conditional(reads=queries.CACHE_READS)
def matrix_csv(request: HttpRequest):
    """Instruments × member states: "signed", then each further act with its date, marked
    "(counted)" if the state counts by it towards the entry into force, "(not counted)" if the
    instrument's clause does not count it; empty if nothing is recorded."""
    matrix = queries.matrix()
    header = ["state", *(instrument.key for instrument in matrix["instruments"])]
    rows = [
        [
            row["state"].code,
            *(
                _cell_text(instrument, cell)
                for instrument, cell in zip(matrix["instruments"], row["cells"], strict=True)
            ),
        ]
        for row in matrix["rows"]
    ]
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cica-treaty-status.csv"'
    return response


def _cell_text(instrument, cell: dict) -> str:
    signature = cell["signature"]
    parts = [f"signed {signature.date_text}".strip()] if signature else []
    for act in cell["acts"]:
        mark = (" (counted)" if act.counted else " (not counted)") if instrument.clause else ""
        parts.append(f"{act.kind} {act.date_text}".strip() + mark)
    return "; ".join(parts)


@router.get("/documents/{key}", response={200: DocumentDetailOut, **READ_ERRORS})
@conditional(reads=RECORD)
def get_document(request: HttpRequest, key: str):
    """A document with its texts, files, treaty actions and relations to other documents."""
    return json_response(_document_detail(key))


@cached_read("documents.document", reads=(*queries.CACHE_READS, "meetings.meeting"))
def _document_detail(key: str) -> str:
    return DocumentDetailOut.from_orm(queries.get_document(key)).model_dump_json()


@router.get("/documents/{key}/status", response={200: TreatyStatusOut, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def get_status(request: HttpRequest, key: str):
    """Each state's actions (signature, ratification, ...) and the entry into force computed."""
    status = queries.treaty_status(queries.get_document(key))
    treaty, eif = status["treaty"], status["entry_into_force"]
    rule = None
    if status["clause"]:
        rule = (
            f"the {treaty.eif_days}th day after {treaty.eif_share_numerator}/"
            f"{treaty.eif_share_denominator} of the signatories, each counted once, have made"
            f" a {' or '.join(status['counted_kinds'])}"
        )
    return {
        "document": status["document"].key,
        "depositary": treaty.depositary if treaty else None,
        "provisional_application": bool(treaty and treaty.provisional_application),
        "entry_into_force": {
            "in_force": status["in_force"],
            "in_force_on": eif.in_force_on,
            "earliest": eif.earliest,
            "latest": eif.latest,
            "approximate": eif.approximate,
            "signatories": eif.signatories,
            "counted": eif.counted,
            "needed": eif.needed,
            "counted_acts": status["counted_kinds"],
            "rule": rule,
        },
        "states": [
            {
                "state": row["state"],
                "counted": status["clause"] and row["count"].counted,
                "counted_on": row["count"].act.date_text
                if status["clause"] and row["count"].counted
                else None,
                "not_counted": row["count"].reason if status["clause"] else None,
                "actions": row["actions"],
            }
            for row in status["states"]
        ],
    }


@router.get(
    "/documents/{key}/files/{file_id}",
    response={200: None, **READ_ERRORS},
    url_name="document_file",
    openapi_extra={
        "responses": {200: {"content": {t: {} for t in attachments.CONTENT_TYPES.values()}}}
    },
)
@conditional(reads=queries.CACHE_READS)
def get_file(request: HttpRequest, key: str, file_id: int):
    """An official text as attached: PDF, DOCX or TXT."""
    return attachments.file_response(queries.get_file(key, file_id))


# ---- the Secretariat's writes ----------------------------------------------------------------


def _fields(payload: DocumentFieldsIn) -> tuple[dict, dict]:
    """The model fields and the relations the payload sets."""
    values = payload.dict(exclude_unset=True)
    relations = {name: values.pop(name) for name in ("amends", "supersedes") if name in values}
    if "id" in values:
        values.pop("id")
    if "body" in values:
        values["body"] = queries._body(values["body"])
    if values.get("meeting") is not None:
        # Through the document's own relation: the meetings app stays a sibling, not imported.
        meeting = Document.meeting.field.related_model.objects.filter(pk=values["meeting"]).first()
        if meeting is None:
            raise InvalidInput(_("No such meeting."), field="meeting")
        values["meeting"] = meeting
    for name in ("symbol", "place", "text_en", "text_ru"):
        if name in values and values[name] is None:
            values[name] = ""
    return values, relations


@router.post("/documents", auth=api_auth, response={201: DocumentDetailOut, **WRITE_ERRORS})
def create_document(request: HttpRequest, payload: DocumentIn):
    """Add a document to the register (Secretariat only)."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_secretariat(request.auth)
    values, relations = _fields(payload)
    document = actions.create_document(
        acting_user=request.auth, key=payload.id, **values, **relations
    )
    return Status(201, queries.get_document(document.key))


@router.patch("/documents/{key}", auth=api_auth, response={200: DocumentDetailOut, **WRITE_ERRORS})
def update_document(request: HttpRequest, key: str, payload: DocumentFieldsIn):
    """Edit a document's entry, texts and relations (Secretariat only)."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_secretariat(request.auth)
    document = queries.document_to_change(key)
    values, relations = _fields(payload)
    actions.update_document(acting_user=request.auth, document=document, **values, **relations)
    return queries.get_document(key)


@router.post(
    "/documents/{key}/actions", auth=api_auth, response={201: TreatyStatusOut, **WRITE_ERRORS}
)
def record_treaty_action(request: HttpRequest, key: str, payload: TreatyActionIn):
    """Record a state's signature, ratification, accession, ... (Secretariat only); answers the
    instrument's status, its entry into force recomputed."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_secretariat(request.auth)
    document = queries.get_document(key)
    actions.record_treaty_action(
        acting_user=request.auth,
        document=document,
        state=registry.get_state_by_code(payload.state),
        kind=payload.kind,
        date=payload.date,
        place=payload.place,
        note=payload.note,
    )
    return Status(201, get_status(request, key))


@router.delete(
    "/documents/{key}/actions/{action_id}",
    auth=api_auth,
    response={200: TreatyStatusOut, **WRITE_ERRORS},
)
def remove_treaty_action(request: HttpRequest, key: str, action_id: int):
    """Remove a treaty action recorded in error (Secretariat only); answers the status."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_secretariat(request.auth)
    found = TreatyAction.objects.filter(document__key=key, pk=action_id).first()
    if found is None:
        raise NotFound(_("No such treaty action."), field="action_id")
    actions.remove_treaty_action(acting_user=request.auth, action=found)
    return get_status(request, key)


@router.post(
    "/documents/{key}/files",
    auth=api_auth,
    response={201: FileOut, **WRITE_ERRORS},
)
def attach_file(request: HttpRequest, key: str, data: Form[FileIn], file: File[UploadedFile]):
    """Attach an official text (PDF, DOCX or TXT, multipart field `file`). A bad or oversized
    file (a DOCX inflating beyond the limits included) is refused and nothing is stored. The
    text of a PDF or DOCX is extracted for search by the worker: `text_status` is `pending`
    until then."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_secretariat(request.auth)
    document = queries.get_document(key)
    attachments.check_size(file.size)  # before reading it
    stored = actions.attach_file(
        acting_user=request.auth,
        document=document,
        name=file.name or "",
        content=file.read(),
        language=data.language,
    )
    return Status(201, stored)


@router.delete(
    "/documents/{key}/files/{file_id}", auth=api_auth, response={204: None, **WRITE_ERRORS}
)
def remove_file(request: HttpRequest, key: str, file_id: int):
    """Remove an attached file (Secretariat only)."""
    actions.remove_file(acting_user=request.auth, file=queries.get_file(key, file_id))
    return Status(204, None)
