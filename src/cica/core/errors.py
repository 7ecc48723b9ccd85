"""One family of domain errors; the API and the views map each one to an HTTP status.

A refusal is a *reason*: a subclass of one of the four categories below (InvalidInput 422,
NotFound 404, PermissionDenied 403, Conflict 409), declared in its app's `errors.py` with

- `code`: a stable snake_case string, unique across the apps (checked when the class is made),
  which clients switch on;
- `default_message`: translatable, with named placeholders filled from the keyword arguments it
  is raised with (`raise DeadlinePassed(field="deadline", deadline="2024-05-01T12:00+00:00")`).

A call site may give its own message (`raise SecretariatOnly(_("Only the Secretariat ..."))`):
the code stays the reason's. A bad value of a field may stay the generic `invalid`; every 409
has a reason of its own.

On the API an error is application/problem+json (RFC 9457):
`{"type": "urn:cica:error:<code>", "code": "<code>", "title", "status", "detail", "errors"}`.
The `type` is flat, `urn:cica:error:` and the code (no app in it): codes are unique across the
apps, and the generic ones (`urn:cica:error:invalid`, `...:not_found`) keep the types they
always had. The OpenAPI document lists every code (`code_table()`).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import ClassVar

from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _


class ErrorCode(StrEnum):
    """The category of a refusal, which fixes its HTTP status."""

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

# Every reason by its code, filled as the apps' errors modules are imported (see
# DomainError.__init_subclass__; `all_reasons()` imports them all).
REASONS: dict[str, type["DomainError"]] = {}

# The codes of answers that are not domain errors: the protocol's own, with their statuses.
PROTOCOL_CODES = {
    "malformed": (400, _("The request body is not valid JSON.")),
    "unauthenticated": (401, _("Authentication required")),
    "two_factor_required": (403, _("Two-factor sign-in required")),
    "too_large": (413, _("Request too large")),
    "internal": (500, _("Internal error")),
    "unavailable": (503, _("Service unavailable")),
    # Any other status ninja answers itself, such as 405 to a method the route does not take.
    "http": (405, _("Another HTTP error, such as a method not allowed.")),
}


class DomainError(Exception):
    """A refusal the user can act on: a reason's code, a translatable message and the field
    it concerns."""

    category: ClassVar[ErrorCode] = ErrorCode.INVALID
    code: ClassVar[str] = "invalid"
    default_message: ClassVar = _("The request cannot be carried out.")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            return
        name = f"{cls.__module__}.{cls.__qualname__}"
        known = REASONS.get(cls.code)
        # A module imported again (a test reloading it) declares the same reason again.
        if known is not None and f"{known.__module__}.{known.__qualname__}" != name:
            raise TypeError(f"{name} and {known.__qualname__} share the code {cls.code!r}")
        REASONS[cls.code] = cls

    def __init__(self, message=None, *, field: str | None = None, **params):
        self.template = self.default_message if message is None else message
        self.params = params
        self.field = field
        super().__init__(message, field)

    @property
    def message(self) -> str:
        """The message in the active language, its placeholders filled."""
        template = str(self.template)
        return template % self.params if self.params else template

    def __str__(self) -> str:
        return self.message

    @property
    def status(self) -> int:
        return HTTP_STATUS[self.category]

    @property
    def type(self) -> str:
        return f"urn:cica:error:{self.code}"


class InvalidInput(DomainError):
    category = ErrorCode.INVALID
    code = "invalid"
    default_message = _("The input is not valid.")


class NotFound(DomainError):
    category = ErrorCode.NOT_FOUND
    code = "not_found"
    default_message = _("No such resource.")


class PermissionDenied(DomainError):
    category = ErrorCode.PERMISSION_DENIED
    code = "permission_denied"
    default_message = _("You may not do this.")


class Conflict(DomainError):
    """The state of the record refuses the request (a 409): raise one of its reasons, never a
    bare Conflict, so that a client can tell them apart."""

    category = ErrorCode.CONFLICT
    code = "conflict"
    default_message = _("The request conflicts with the state of the record.")


# -- Reasons every app shares -------------------------------------------------------------------


class TooLong(InvalidInput):
    code = "too_long"
    default_message = _("At most %(limit)s characters: this has %(length)s.")


class SecretariatOnly(PermissionDenied):
    code = "secretariat_only"
    default_message = _("Only the Secretariat may do this.")


class ConsoleOnly(PermissionDenied):
    code = "console_only"
    default_message = _("Only the operator at the server's console may do this.")


class FileAlreadyAttached(Conflict):
    code = "file_already_attached"
    default_message = _("This file is already attached.")


def all_reasons() -> dict[str, type[DomainError]]:
    """Every reason of every app, by code (importing each app's `errors` module first)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("errors")
    return dict(REASONS)


def code_table() -> list[tuple[str, int, str]]:
    """Every code a problem may carry, with its status and what it means, sorted by code."""
    rows = [
        (code, HTTP_STATUS[reason.category], str(reason.default_message))
        for code, reason in all_reasons().items()
    ]
    rows += [(code, status, str(meaning)) for code, (status, meaning) in PROTOCOL_CODES.items()]
    return sorted(rows)


@contextmanager
def unique(error: DomainError) -> Iterator[None]:
    """Answer a write that breaks a uniqueness constraint with `error`, a Conflict's reason.

    An action checks its rule first ("this action is already recorded"); the constraint holds
    it when identical writes arrive at once, which PostgreSQL runs side by side. The savepoint
    keeps the enclosing transaction usable after the refusal.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as integrity:
        raise error from integrity


def problem(
    status: int, code: str, title, detail, errors: list[dict] | None = None
) -> HttpResponse:
    """An error as application/problem+json (RFC 9457), the shape of every error of the API."""
    body = {
        "type": f"urn:cica:error:{code}",
        "code": str(code),
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
    message = error.message
    errors = [{"field": error.field, "message": message}] if error.field else []
    return problem(error.status, error.code, TITLES[error.category], message, errors)
