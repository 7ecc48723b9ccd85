"""What every API router shares: error responses as problem+json, pagination, query parameters."""

import logging
import re
from collections.abc import Callable
from typing import Annotated, Any

import orjson
from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from cica.core import denials, limits, unavailable
from cica.core.errors import TITLES, DomainError, ErrorCode, code_table, problem, problem_for

logger = logging.getLogger(__name__)

# Text that must hold more than spaces: the action refuses blank text naming the field, and the
# pattern (a search, for one character that is not a space) tells clients.
NonBlank = Annotated[str, Field(json_schema_extra={"pattern": r"\S"})]
# A record's key or id (a body's, an area's, a source's, ...) and a state's ISO code, as text of
# bounded length (core.limits): a longer one names no record.
Key = Annotated[str, Field(max_length=limits.LABEL)]
Code = Annotated[str, Field(max_length=2)]
# A row's id, bounded: Django keeps `pk=` lookups safe from integers beyond the database's
# range, not `pk__in=` (an OverflowError, a 500).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


class AuthenticatedRequest(HttpRequest):
    """The request of an operation that requires authentication: django-ninja sets `auth` to
    what authenticated it (the account, cica.accounts.auth). For the `request` parameter's
    annotation only: ninja passes the request by the parameter's name, whatever its type."""

    auth: Any


class FieldErrorOut(Schema):
    field: str | None
    message: str


class ProblemOut(Schema):
    """An error, after RFC 9457: what went wrong and, for bad input, which field."""

    type: str = Field(description="`urn:cica:error:` and the code")
    code: str = Field(description="Why the request was refused: a stable code to switch on.")
    title: str
    status: int
    detail: str
    errors: list[FieldErrorOut] = []


# The error responses each operation declares in the OpenAPI document.
READ_ERRORS: dict[int, Any] = {404: ProblemOut, 422: ProblemOut}
WRITE_ERRORS: dict[int, Any] = {
    401: ProblemOut,
    403: ProblemOut,
    404: ProblemOut,
    409: ProblemOut,
    422: ProblemOut,
}


def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    if exc.category == ErrorCode.PERMISSION_DENIED:
        denials.record(request, str(exc.message))
    return problem_for(exc)


# Where ninja says a value came from; "file" too, or a missing upload was named "file.file".
_SOURCES = ("query", "path", "body", "header", "cookie", "form", "file")


def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        # ninja locates errors as ("query", "as_of") or ("body", "payload", "name_en"): drop
        # where the value came from, and the name of the body parameter.
        location = [str(part) for part in error.get("loc", ())]
        if location and location[0] in _SOURCES:
            location = location[2:] if location[:2] == ["body", "payload"] else location[1:]
        errors.append({"field": ".".join(location) or None, "message": error.get("msg", "")})
    detail = "; ".join(
        f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors
    )
    return problem(422, ErrorCode.INVALID, TITLES[ErrorCode.INVALID], detail, errors)


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        # ninja's one 400: a body that is not JSON (its message is English only).
        return problem(
            400, "malformed", _("Malformed request"), _("The request body is not valid JSON.")
        )
    if isinstance(exc, AuthenticationError) or exc.status_code == 401:
        response = problem(
            401,
            "unauthenticated",
            _("Authentication required"),
            # A known token that is expired or revoked says so (cica.accounts.auth).
            getattr(request, "token_refusal", None)
            or _("Send 'Authorization: Bearer <token>' or sign in."),
        )
        # RFC 6750 3.1: a token sent but not valid (unknown, expired, revoked) is named as such.
        sent = request.headers.get("Authorization", "").lower().startswith("bearer ")
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"' if sent else "Bearer"
        return response
    return problem(exc.status_code, "http", exc.message, exc.message)


def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(404, ErrorCode.NOT_FOUND, TITLES[ErrorCode.NOT_FOUND], _("No such resource."))


def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    if unavailable.is_unavailable(exc):
        return unavailable.response(request, exc)
    logger.exception("unexpected error in %s %s", request.method, request.path)
    if settings.DEBUG:
        raise exc
    return problem(500, "internal", _("Internal error"), _("The error has been logged."))


class CicaAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document gives errors their real media type, problem+json, and
    declares the 400 and 413 of each operation that reads a JSON body (core.limits) and the 503
    of every operation (core.unavailable: the database is locked, full or restarting)."""

    def _get_bound_routers(self):
        # HTTP: a HEAD is a GET without the body (RFC 9110 9.3.2); ninja routes only the methods
        # declared, so every GET operation answers HEAD too (the server drops the body).
        bound = super()._get_bound_routers()
        for router in bound:
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    if "GET" in operation.methods and "HEAD" not in operation.methods:
                        operation.methods = [*operation.methods, "HEAD"]
        return bound

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            # Implied by each GET: not an operation of its own in the document.
            operations.pop("head", None)
            for operation in operations.values():
                if "application/json" in operation.get("requestBody", {}).get("content", {}):
                    operation["responses"].setdefault(400, _MALFORMED)
                    operation["responses"].setdefault(413, _TOO_LARGE)
                operation["responses"].setdefault(503, _UNAVAILABLE)
                for status, response in operation["responses"].items():
                    if int(status) >= 400 and "application/json" in response.get("content", {}):
                        content = response["content"]
                        content["application/problem+json"] = content.pop("application/json")
        _list_the_codes(schema["components"]["schemas"]["ProblemOut"])
        return schema


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _list_the_codes(problem_schema: dict) -> None:
    """Give the problem's `code` the enum of every code and a table of what each means (in
    English: the document is the same whatever the language of the request)."""
    with translation.override("en"):
        table = code_table()
    code = problem_schema["properties"]["code"]
    code["enum"] = [row[0] for row in table]
    # A placeholder of a message, %(state)s, reads {state}.
    lines = [
        f"- `{name}` ({status}): " + _PLACEHOLDER.sub(r"{\1}", meaning)
        for name, status, meaning in table
    ]
    code["description"] += " One of:\n" + "\n".join(lines)


def _declared_problem(description: str, **more) -> dict:
    """A response of the OpenAPI document whose body is a problem."""
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemOut"}}}
    return {"description": description, **more, "content": content}


# What ninja answers when a JSON body does not parse (see _http_error).
_MALFORMED = _declared_problem("Malformed request")
# What an operation answers to a body beyond DATA_UPLOAD_MAX_MEMORY_SIZE (core.limits).
_TOO_LARGE = _declared_problem("Request body too large")
# What every operation answers when the database cannot (see core.unavailable).
_UNAVAILABLE = _declared_problem(
    "Service unavailable: retry after the seconds of the Retry-After header",
    headers={"Retry-After": {"schema": {"type": "integer"}}},
)


def install_error_handlers(api) -> None:
    api.add_exception_handler(DomainError, _domain_error)
    api.add_exception_handler(ValidationError, _validation_error)
    api.add_exception_handler(HttpError, _http_error)
    api.add_exception_handler(Http404, _not_found)
    api.add_exception_handler(Exception, _unexpected)


class PageIn(Schema):
    # Bounded so that the row offset fits the databases' 64-bit integers: past the last page
    # is an empty page, past the bound a 422, never an overflow (a 500).
    page: int = Field(1, ge=1, le=1_000_000_000, description="page number, from 1")
    page_size: int = Field(
        50, ge=1, le=settings.CICA_API_MAX_PAGE_SIZE, description="items per page"
    )


class PageOut(Schema):
    """What every list answers; each list adds its `items`."""

    count: int
    page: int
    page_size: int


def page_json(
    items: QuerySet, rows: Callable[[QuerySet], list[dict]], page: PageIn, **fields
) -> bytes:
    """One page of a public list as JSON bytes: `rows(page_of_items)` makes the page's items
    plain dicts, serialised by orjson. The fast path of hot public lists, cached by a read of
    core.cache: no model instances and no Schema validation (the OpenAPI document still declares
    that Schema, and a test per list holds the two equal). `fields` go first, such as the date
    of a list."""
    start = (page.page - 1) * page.page_size
    document = {
        **fields,
        "count": items.count(),
        "page": page.page,
        "page_size": page.page_size,
        "items": rows(items[start : start + page.page_size]),
    }
    return orjson.dumps(document)


def json_response(body: bytes | str) -> HttpResponse:
    """JSON made beforehand (by a cached read), served as it is."""
    return HttpResponse(body, content_type="application/json")


def paginate(items, page: PageIn, *, count: int | None = None) -> dict:
    """One page of a queryset: a COUNT query (unless the count is known) and a query for the
    page's rows."""
    start = (page.page - 1) * page.page_size
    return {
        "count": items.count() if count is None else count,
        "page": page.page,
        "page_size": page.page_size,
        "items": list(items[start : start + page.page_size]),
    }
