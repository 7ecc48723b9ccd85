"""Documents pages: the register, a document with its treaty status, the status matrix."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cica.core.errors import DomainError
from cica.documents import queries
from cica.documents.models import Document


def document_list(request: HttpRequest) -> HttpResponse:
    type_ = request.GET.get("type") or None
    q = (request.GET.get("q") or "").strip()[:200] or None
    try:
        documents = queries.list_documents(type=type_, q=q)
    except DomainError:
        type_, documents = None, queries.list_documents(q=q)
    return render(
        request,
        "documents/document_list.html",
        {"documents": documents, "type": type_, "q": q or "", "types": Document.Type.choices},
    )


def document_detail(request: HttpRequest, key: str) -> HttpResponse:
    try:
        document = queries.get_document(key)
    except DomainError as error:
        raise Http404(str(error)) from error
    return render(
        request, "documents/document_detail.html", {"status": queries.treaty_status(document)}
    )


def matrix(request: HttpRequest) -> HttpResponse:
    return render(request, "documents/matrix.html", {"matrix": queries.matrix()})
