"""How long a text that a user writes may be, by kind of text.

The one place for the limits of the API's schemas (so the OpenAPI document states each
`maxLength`), of the forms (`maxlength` on the page) and of the actions, which refuse a longer
text naming its field (422): unbounded, eight comments of 2 MB made every read of their procedure
17 MB. A length counts characters, as Python and JSON Schema do.
"""

from typing import TypeVar

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

from cica.core.errors import TooLong, problem

# A measure's number in the Catalogue, e.g. 2.1.1.
NUMBER = 20
# A short label: a symbol, a place, a city, an id or key.
LABEL = 100
# A name: of a state, a body, a person.
NAME = 200
# A title: of a draft, a document, a meeting, an agenda item, an activity, a planned event.
TITLE = 500
# A note: the Secretariat's on an activity, the Chair's instruction, an offer's, an
# application's, a treaty action's; a measure of the Catalogue.
NOTE = 5_000
# What a delegation or an officer writes in a procedure or a record: a comment, a reason, a
# proposed wording, an interpretative statement, an activity's summary.
COMMENT = 10_000
# A text: of a document, of a draft's version (about 150 pages).
TEXT = 1_000_000


# A text or none: check gives back what it is given.
_Text = TypeVar("_Text", str, str | None)


def check(value: _Text, limit: int, *, field: str) -> _Text:
    """`value`, unless it is longer than `limit` characters: then TooLong (a 422) naming `field`."""
    if value is not None and len(value) > limit:
        raise TooLong(field=field, limit=limit, length=len(value))
    return value


def limit_form_fields(form, limits: dict[str, int]) -> None:
    """Give each named field of `form` its limit: checked when it is submitted, and `maxlength`
    on the page (for a model form's fields, whose columns may hold more or have no limit)."""
    for name, limit in limits.items():
        if name not in form.fields:
            continue
        field = form.fields[name]
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit))
        field.widget.attrs["maxlength"] = str(limit)


class RefuseOversizedBodies:
    """An API request whose body (files aside) is beyond DATA_UPLOAD_MAX_MEMORY_SIZE answers 413
    as a problem, before anything reads it: Django would answer its HTML 400 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith("/api/")
            and not request.content_type.startswith("multipart/")
            and _content_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        ):
            return problem(
                413,
                "too_large",
                _("Request too large"),
                _("The request body is larger than %(limit)s bytes.")
                % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
            )
        return self.get_response(request)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
