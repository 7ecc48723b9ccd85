"""Documents pages: the register, search, a document with its treaty status and its printable and
PDF forms, the status matrix, and the Secretariat's forms."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cica.core import attachments, clock
from cica.core.conditional import RECORD, conditional
from cica.core.errors import DomainError, NotFound
from cica.core.views import dispatch_post, run_action
from cica.documents import actions, permissions, queries
from cica.documents.forms import DocumentForm, FileForm, SearchForm, TreatyActionForm
from cica.documents.models import STATUS_LABELS, Document
from cica.registry.queries import get_body_on

# Where a printed document points to its text in another language.
TEXT_LABELS = {"en": gettext_lazy("English text"), "ru": gettext_lazy("Russian text")}
SEARCH_PAGE_SIZE = 20
LIST_PAGE_SIZE = 100


def _can_manage(request: HttpRequest) -> bool:
    return permissions.can_manage_documents(request.user)


@conditional(reads=queries.CACHE_READS)
def document_list(request: HttpRequest) -> HttpResponse:
    type_ = request.GET.get("type") or None
    status = request.GET.get("status") or None
    q = (request.GET.get("q") or "").strip()[:200] or None
    # An unknown type or status is dropped, not an error page: the form offers only known ones.
    type_ = type_ if type_ in Document.Type.values else None
    status = status if status in queries.STATUSES else None
    documents = queries.list_documents(type=type_, status=status, q=q)
    # Paginated: the register grows without bound, and one page of it must stay cheap.
    page = Paginator(documents, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/document_list.html",
        {
            "documents": page.object_list,
            "page": page,
            "pager_query": "&"
            + urlencode({"type": type_ or "", "status": status or "", "q": q or ""}),
            "type": type_,
            "status": status,
            "q": q or "",
            "types": Document.Type.choices,
            "statuses": [(value, STATUS_LABELS[value]) for value in queries.STATUSES],
            "can_manage": _can_manage(request),
        },
    )


@conditional(reads=queries.CACHE_READS)
def search(request: HttpRequest) -> HttpResponse:
    """Words of titles and texts, stemmed, in English or Russian; filters by type, year, body."""
    form = SearchForm(request.GET or None)
    results, page = None, None
    if form.is_valid():
        data = form.cleaned_data
        number = request.GET.get("page") or "1"
        number = int(number) if number.isdigit() and 0 < int(number) <= 50 else 1
        try:
            results = queries.search_documents(
                data["q"],
                lang=data["lang"] or None,
                type=data["type"] or None,
                year=data["year"],
                body=data["body"].key if data["body"] else None,
                offset=(number - 1) * SEARCH_PAGE_SIZE,
                limit=SEARCH_PAGE_SIZE,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            # Page links only: the hits of this page are already in `results`.
            page = Paginator(range(results.total), SEARCH_PAGE_SIZE).get_page(number)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "documents/search.html",
        {"form": form, "results": results, "page": page, "query": query.urlencode()},
        status=422 if form.errors else 200,
    )


@conditional(reads=RECORD)
def document_detail(request: HttpRequest, key: str) -> HttpResponse:
    document = queries.get_document(key)
    can_manage = _can_manage(request)
    return render(
        request,
        "documents/document_detail.html",
        {
            "status": queries.treaty_status(document),
            "document_status": queries.status_of(document),
            "body_name": _body_name(document, translation.get_language()),
            "can_manage": can_manage,
            "action_form": TreatyActionForm() if can_manage else None,
            "file_form": FileForm() if can_manage else None,
        },
    )


def _printable(request: HttpRequest, document: Document, *, for_pdf: bool = False) -> str:
    """The document in the page's language alone: its text in that language (each language
    version stands on its own), where the others are printed, names of bodies as they were."""
    language = translation.get_language()
    view = "documents:pdf" if for_pdf else "documents:print"
    others = []
    for code, _name in settings.LANGUAGES:
        if code != language and getattr(document, f"text_{code}"):
            with translation.override(code):
                url = request.build_absolute_uri(reverse(view, args=[document.key]))
            others.append({"label": TEXT_LABELS[code], "url": url})
    return render_to_string(
        "documents/print.html",
        {
            "document": document,
            "document_status": queries.status_of(document),
            "for_pdf": for_pdf,
            "text": getattr(document, f"text_{language}"),
            "others": others,
            "body_name": _body_name(document, language),
        },
        request=request,
    )


def _body_name(document: Document, language: str) -> str:
    """The name of the document's body on the document's date: bodies are renamed (the Summit
    became the Council of Heads of State or Government on 2022-10-13)."""
    if document.body is None:
        return ""
    body = get_body_on(document.body.key, document.date or clock.today())
    return (language == "ru" and body.name_ru_on_date) or body.name_en_on_date or body.key


@conditional(reads=RECORD)
def document_print(request: HttpRequest, key: str) -> HttpResponse:
    """The document on paper in the page's language: its register entry and its text."""
    return HttpResponse(_printable(request, queries.get_document(key)))


def _no_fetching(url: str, *args, **kwargs):
    # The PDF is made from the page and its stylesheet alone: WeasyPrint fetches nothing.
    raise ValueError(f"not fetched: {url}")


@conditional(reads=RECORD)
def document_pdf(request: HttpRequest, key: str) -> HttpResponse:
    """The printable view set as PDF by WeasyPrint; DejaVu fonts carry the Cyrillic."""
    from weasyprint import CSS, HTML  # heavy: loaded on the first PDF, not at start-up

    document = queries.get_document(key)
    html = HTML(string=_printable(request, document, for_pdf=True), url_fetcher=_no_fetching)
    stylesheet = CSS(filename=finders.find("documents/print.css"), url_fetcher=_no_fetching)
    response = HttpResponse(
        html.write_pdf(stylesheets=[stylesheet]), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="cica-{document.key}.pdf"'
    return response


@conditional(reads=queries.CACHE_READS)
def document_file(request: HttpRequest, key: str, file_id: int) -> FileResponse:
    return attachments.file_response(queries.get_file(key, file_id))


def state_section(request: HttpRequest, state) -> dict:
    """On a state's page (registry.extensions): its signatures of the founding documents."""
    return {"founding": queries.founding_signatures(state)}


@conditional(reads=queries.CACHE_READS)
def matrix(request: HttpRequest) -> HttpResponse:
    return render(request, "documents/matrix.html", {"matrix": queries.matrix()})


# ---- the Secretariat's forms -----------------------------------------------------------------


def _require_manager(request: HttpRequest) -> None:
    if not _can_manage(request):
        raise HttpForbidden


@login_required
def document_form(request: HttpRequest, key: str | None = None) -> HttpResponse:
    """Add a document to the register, or edit one (the Secretariat)."""
    _require_manager(request)
    document = queries.get_document(key) if key else None
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        relations = {name: [d.key for d in data.pop(name)] for name in ("amends", "supersedes")}
        for name in ("title_ru", "text_en", "text_ru"):
            data[name] = data[name] or ("" if name.startswith("text") else None)
        if document is None:
            saved = run_action(
                request,
                form,
                actions.create_document,
                _("The document is in the register."),
                **data,
                **relations,
            )
        else:
            saved = run_action(
                request,
                form,
                actions.update_document,
                _("The document is updated."),
                document=document,
                **data,
                **relations,
            )
        if saved:
            return redirect("documents:document", key=saved.key)
    return render(
        request,
        "documents/document_form.html",
        {"form": form, "document": document},
        status=getattr(form, "error_status", 422) if form.errors else 200,
    )


@login_required
@require_POST
def document_act(request: HttpRequest, key: str, act: str) -> HttpResponse:
    """Record a treaty action, attach a file or remove one."""
    # Refused before the form is read, as the API refuses before it reads the input.
    _require_manager(request)
    document = queries.get_document(key)
    return dispatch_post(request, _DOCUMENT_ACTS, action=act, document=document)


def _record_treaty_action(request: HttpRequest, document) -> HttpResponse:
    form = TreatyActionForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            form,
            actions.record_treaty_action,
            _("The treaty action is recorded."),
            document=document,
            **form.cleaned_data,
        )
    return _back_to_document(request, document, form)


def _attach_file(request: HttpRequest, document) -> HttpResponse:
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachments.check_size(upload.size)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            run_action(
                request,
                form,
                actions.attach_file,
                _("The file is attached."),
                document=document,
                name=upload.name,
                content=upload.read(),
                language=form.cleaned_data["language"],
            )
    return _back_to_document(request, document, form)


def _remove_file(request: HttpRequest, document) -> HttpResponse:
    try:
        file = queries.get_file(document.key, int(request.POST.get("file", "0") or 0))
        actions.remove_file(acting_user=request.user, file=file)
    except (NotFound, ValueError) as error:
        # No such file, or removed meanwhile (the same form sent twice).
        raise Http404 from error
    messages.success(request, _("The file is removed."))
    return redirect("documents:document", key=document.key)


def _back_to_document(request: HttpRequest, document, form) -> HttpResponse:
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("documents:document", key=document.key)


_DOCUMENT_ACTS = {
    "action": _record_treaty_action,
    "file": _attach_file,
    "remove-file": _remove_file,
}
