"""No text that a database cannot store reaches one: a NUL character (PostgreSQL refuses it in any
text, SQLite would cut it short) or a lone surrogate (U+D800 to U+DFFF: JSON may escape one, as
`"\\ud800"`, and Python decodes it to a string no UTF-8 encoder takes). Either was a 500. Django's
forms never see them (NUL is refused by their fields; the bytes of a form are decoded with
replacement); the API's JSON bodies and query strings are checked here, naming the field."""

import json
import re

from django.http import HttpRequest
from django.utils.translation import gettext as _

from cica.core.errors import InvalidInput, problem_for

NUL = "\x00"
_SURROGATE = re.compile("[\ud800-\udfff]")
# What JSON must escape to carry either: a body without it is not parsed twice.
_ESCAPED = re.compile(rb"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")


def _fault(text: str) -> str | None:
    """The message refusing `text`, or None if a database stores it."""
    if NUL in text:
        return _("Text may not contain the NUL character.")
    if _SURROGATE.search(text):
        return _("Text may not contain a lone surrogate (U+D800 to U+DFFF).")
    return None


def _first_fault(value, path: str) -> tuple[str, str] | None:
    """The dotted path of the first string under `value` (keys included) that no database
    stores, with the message refusing it."""
    if isinstance(value, str):
        return (path, fault) if (fault := _fault(value)) else None
    if isinstance(value, dict):
        for key, item in value.items():
            # The key as the error can name it: a lone surrogate spelled as its escape.
            shown = str(key).encode("utf-8", "backslashreplace").decode()
            inner = f"{path}.{shown}" if path else shown
            if fault := _fault(str(key)):
                return inner, fault
            if found := _first_fault(item, inner):
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            if found := _first_fault(item, f"{path}.{index}" if path else str(index)):
                return found
    return None


def unstorable_field(request: HttpRequest) -> tuple[str, str] | None:
    """The first field of the request's query or JSON body that holds text no database stores,
    with the message refusing it."""
    for name, values in request.GET.lists():
        for text in (name, *values):
            if fault := _fault(text):
                return name, fault
    if request.content_type == "application/json" and _ESCAPED.search(request.body):
        try:
            return _first_fault(json.loads(request.body), "")
        except ValueError:
            return None  # not JSON: the API answers 400
    return None


class RefuseUnstorableText:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path.startswith("/api/") and (found := unstorable_field(request)):
            field, message = found
            return problem_for(InvalidInput(message, field=field))
        return self.get_response(request)
