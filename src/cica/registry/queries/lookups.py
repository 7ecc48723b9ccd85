"""A state or a body named by a request: by code or key, with one message for what names none."""

import re
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cica.core.errors import DomainError, InvalidInput
from cica.registry.models import Body, State

# What names no row is not sent to the database: PostgreSQL refuses a NUL in a query (a 500).
_STATE_CODE = re.compile(r"[A-Za-z]{2}")
_BODY_KEY = re.compile(r"[-A-Za-z0-9_]{1,60}")


def get_state_by_code(
    code,
    *,
    field: str = "state",
    error: type[DomainError] = InvalidInput,
    states: QuerySet[State] | None = None,
) -> State:
    """The state of an ISO code, in either case ("kz" is KZ).

    Unknown or missing, it is `error` naming `field`: InvalidInput (422) for a code a request's
    body or a form gives, NotFound (404) for the state a path names. `states` is where to look,
    such as rows annotated for a page.
    """
    if code is None or not str(code).strip():
        raise error(_("Name a state."), field=field)
    code = str(code)
    found = None
    if _STATE_CODE.fullmatch(code):
        rows = State.objects.all() if states is None else states
        found = rows.filter(code=code.upper()).first()
    if found is None:
        raise error(_("No state with code %(code)s.") % {"code": code}, field=field)
    return found


def list_states_by_code(codes: Iterable, *, field: str) -> list[State]:
    """The states of these codes, in their order, in one query; InvalidInput naming `field` and
    every unknown code otherwise."""
    wanted = [str(code) for code in codes]
    valid = {code.upper() for code in wanted if _STATE_CODE.fullmatch(code)}
    found = {state.code: state for state in State.objects.filter(code__in=valid)}
    unknown = [
        code for code in wanted if not (_STATE_CODE.fullmatch(code) and code.upper() in found)
    ]
    if unknown:
        raise InvalidInput(
            ngettext(
                "No state with code %(codes)s.", "No states with codes %(codes)s.", len(unknown)
            )
            % {"codes": ", ".join(unknown)},
            field=field,
        )
    return [found[code.upper()] for code in wanted]


def get_body_by_key(key, *, field: str = "body", error: type[DomainError] = InvalidInput) -> Body:
    """The body of a key ("soc", "ministerial"), in either case; unknown or missing, `error`
    naming `field` (see get_state_by_code)."""
    if key is None or not str(key).strip():
        raise error(_("Name a body."), field=field)
    key = str(key)
    found = Body.objects.filter(key__iexact=key).first() if _BODY_KEY.fullmatch(key) else None
    if found is None:
        raise error(_("No body %(key)s.") % {"key": key}, field=field)
    return found
