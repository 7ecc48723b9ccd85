"""No text with a NUL character reaches the database: PostgreSQL refuses it in any text (a 500
otherwise), SQLite would cut it short. Django's forms refuse it already; this refuses it for the
API, in the query string or a JSON body, naming the field."""

import json

from django.http import HttpRequest
from django.utils.translation import gettext as _

from cica.core.errors import InvalidInput, problem_for

NUL = "\x00"


def _first_nul(value, path: str) -> str | None:
    """The dotted path of the first string under `value` that holds a NUL, keys included."""
    if isinstance(value, str):
        return path if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else str(key)
            if NUL in str(key):
                return inner
            if found := _first_nul(item, inner):
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            if found := _first_nul(item, f"{path}.{index}" if path else str(index)):
                return found
    return None


def field_with_nul(request: HttpRequest) -> str | None:
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return name
    if request.content_type == "application/json" and b"\\u0000" in request.body:
        try:
            return _first_nul(json.loads(request.body), "")
        except ValueError:
            return None  # not JSON: the API answers 400
    return None


class RefuseNulCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path.startswith("/api/") and (field := field_with_nul(request)) is not None:
            return problem_for(
                InvalidInput(_("Text may not contain the NUL character."), field=field)
            )
        return self.get_response(request)
