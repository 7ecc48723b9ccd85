"""One family of domain errors; the API and the views map each code to an HTTP status."""

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _


class ErrorCode(StrEnum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    CONFLICT = "conflict"


HTTP_STATUS = {
    ErrorCode.INVALID: 422,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.PERMISSION_DENIED: 403,
    ErrorCode.CONFLICT: 409,
}

TITLES = {
    ErrorCode.INVALID: _("Invalid input"),
    ErrorCode.NOT_FOUND: _("Not found"),
    ErrorCode.PERMISSION_DENIED: _("Permission denied"),
    ErrorCode.CONFLICT: _("Conflict"),
}


class DomainError(Exception):
    """A refusal the user can act on: a code, a translatable message and the field it concerns."""

    code = ErrorCode.INVALID

    def __init__(self, message, *, field: str | None = None, code: ErrorCode | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
        if code is not None:
            self.code = code

    @property
    def status(self) -> int:
        return HTTP_STATUS[self.code]


class InvalidInput(DomainError):
    code = ErrorCode.INVALID


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND


class PermissionDenied(DomainError):
    code = ErrorCode.PERMISSION_DENIED


class Conflict(DomainError):
    code = ErrorCode.CONFLICT


@contextmanager
def unique(message, *, field: str) -> Iterator[None]:
    """Answer a write that breaks a uniqueness constraint as a Conflict naming the field.

    An action checks its rule first ("this action is already recorded"); the constraint holds
    it when identical writes arrive at once, which PostgreSQL runs side by side. The savepoint
    keeps the enclosing transaction usable after the refusal.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise Conflict(message, field=field) from error


def problem(
    status: int, code: str, title, detail, errors: list[dict] | None = None
) -> HttpResponse:
    """An error as application/problem+json (RFC 9457), the shape of every error of the API."""
    body = {
        "type": f"urn:cica:error:{code}",
        "title": str(title),
        "status": status,
        "detail": str(detail),
        "errors": errors or [],
    }
    return JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


def problem_for(error: DomainError) -> HttpResponse:
    """A domain error as a problem, naming its field."""
    errors = [{"field": error.field, "message": str(error.message)}] if error.field else []
    return problem(error.status, error.code, TITLES[error.code], error.message, errors)
