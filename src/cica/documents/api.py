"""The documents API: the register and the treaty status of CICA's instruments."""

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from cica.core.api import READ_ERRORS, PageIn, PageOut, paginate
from cica.core.csvfile import csv_text
from cica.documents import queries
from cica.documents.schemas import DocumentDetailOut, DocumentOut, TreatyStatusOut

router = Router(tags=["documents"])


class DocumentsPage(PageOut):
    items: list[DocumentOut]


@router.get("/documents", response={200: DocumentsPage, **READ_ERRORS})
def list_documents(
    request: HttpRequest,
    page: Query[PageIn],
    type: str | None = None,
    year: int | None = Query(None, ge=1990, le=2200),
    q: str | None = Query(None, max_length=200),
):
    """Documents, oldest first; by type, year, or words of the title in either language."""
    return paginate(queries.list_documents(type=type, year=year, q=q), page)


@router.get(
    "/documents/matrix.csv",
    response={200: None, **READ_ERRORS},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
def matrix_csv(request: HttpRequest):
    """Instruments × member states: "signed", "consented" (ratified, approved, ...), or empty."""
    matrix = queries.matrix()
    header = ["state", *(instrument.key for instrument in matrix["instruments"])]
    rows = [
        [row["state"].code, *(" ".join(cell) for cell in row["cells"])] for row in matrix["rows"]
    ]
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cica-treaty-status.csv"'
    return response


@router.get("/documents/{key}", response={200: DocumentDetailOut, **READ_ERRORS})
def get_document(request: HttpRequest, key: str):
    return queries.get_document(key)


@router.get("/documents/{key}/status", response={200: TreatyStatusOut, **READ_ERRORS})
def get_status(request: HttpRequest, key: str):
    """Each state's actions (signature, ratification, ...) and the entry into force computed."""
    status = queries.treaty_status(queries.get_document(key))
    treaty, eif = status["treaty"], status["entry_into_force"]
    rule = None
    if treaty and treaty.eif_days is not None:
        rule = (
            f"the {treaty.eif_days}th day after {treaty.eif_share_numerator}/"
            f"{treaty.eif_share_denominator} of the signatories have consented"
        )
    return {
        "document": status["document"].key,
        "depositary": treaty.depositary if treaty else None,
        "provisional_application": bool(treaty and treaty.provisional_application),
        "entry_into_force": {
            "in_force": eif.in_force_on is not None,
            "in_force_on": eif.in_force_on,
            "signatories": eif.signatories,
            "consents": eif.consents,
            "needed": eif.needed,
            "rule": rule,
        },
        "states": status["states"],
    }
