"""The registry's JSON API: states, organizations, bodies, chairmanships, the Secretariat."""

import datetime as dt
from enum import Enum

from django.http import HttpRequest
from ninja import Query, Router

from cica.core import clock
from cica.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    AuthenticatedRequest,
    PageIn,
    PageOut,
    json_response,
    page_json,
    paginate,
)
from cica.core.cache import cached_read
from cica.core.conditional import RECORD, conditional
from cica.core.dates import IsoDate, format_range
from cica.registry import actions, queries, rules
from cica.registry.schemas import (
    BodyOut,
    ChairmanshipTermOut,
    ConflictOut,
    FiguresOut,
    OrganizationOut,
    SecretariatOut,
    SourceOut,
    StateDetailOut,
    StateNamesIn,
    StateOut,
)

# Reads are public (auth=None on each). A write takes the router's authentication, which cica.api
# gives it as it mounts it (the accounts' tokens and sessions): the registry sits below accounts.
router = Router(tags=["registry"])

# mypy reads an Enum's members only from literal ones; these are queries.STATUS_FILTERS.
StatusFilter = Enum("StatusFilter", {key: key for key in queries.STATUS_FILTERS}, type=str)  # type: ignore[misc]
AS_OF = Query(
    None,
    description="the date (YYYY-MM-DD) the answer is for; today in Astana if omitted",
)


def _as_of(value: dt.date | None) -> dt.date:
    return value or clock.today()


class StatesPage(PageOut):
    as_of: str
    items: list[StateOut]


class OrganizationsPage(PageOut):
    as_of: str
    items: list[OrganizationOut]


class BodiesPage(PageOut):
    as_of: str
    items: list[BodyOut]


class ChairmanshipsPage(PageOut):
    items: list[ChairmanshipTermOut]


class SourcesPage(PageOut):
    items: list[SourceOut]


class ConflictsPage(PageOut):
    items: list[ConflictOut]


@router.get("/states", auth=None, response={200: StatesPage, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def list_states(
    request: HttpRequest,
    page: Query[PageIn],
    status: StatusFilter | None = None,
    as_of: IsoDate | None = AS_OF,
):
    """States with a CICA status on the date: members, observers, applicants, former."""
    return json_response(_states_page(_as_of(as_of), status.value if status else None, page))


@cached_read("registry.states", reads=queries.CACHE_READS)
def _states_page(date, status: str | None, page: PageIn) -> bytes:
    # The API's order does not follow Accept-Language: English names, then codes.
    states = queries.list_states(as_of=date, status=status).order_by("name_en", "code")
    return page_json(states, queries.state_rows, page, as_of=date.isoformat())


@router.get("/states/{code}", auth=None, response={200: StateDetailOut, **READ_ERRORS})
@conditional(reads=RECORD)
def get_state(request: HttpRequest, code: str, as_of: IsoDate | None = AS_OF):
    """One state with its status history, chairmanships and sources."""
    return json_response(_state_detail(code.upper(), _as_of(as_of)))


# Its workflow reads the founding signatures too, and the documents signed.
@cached_read(
    "registry.state", reads=(*queries.CACHE_READS, "documents.document", "documents.treatyaction")
)
def _state_detail(code: str, date) -> str:
    return StateDetailOut.from_orm(queries.get_state(code, as_of=date)).model_dump_json()


@router.patch("/states/{code}", response={200: StateDetailOut, **WRITE_ERRORS})
def rename_state(request: AuthenticatedRequest, code: str, payload: StateNamesIn):
    """Set a state's protocol names in English and Russian (Secretariat only)."""
    today = clock.today()
    state = queries.get_state(code, as_of=today)
    actions.rename_state(
        acting_user=request.auth, state=state, name_en=payload.name_en, name_ru=payload.name_ru
    )
    return queries.get_state(code, as_of=today)


@router.get("/organizations", auth=None, response={200: OrganizationsPage, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def list_organizations(
    request: HttpRequest,
    page: Query[PageIn],
    status: StatusFilter | None = None,
    as_of: IsoDate | None = AS_OF,
):
    """Observer organizations, partners and parties to memoranda, with their status histories."""
    date = _as_of(as_of)
    organizations = queries.list_organizations(
        as_of=date, status=status.value if status else None
    ).order_by("name_en", "code")
    return {"as_of": date.isoformat(), **paginate(organizations, page)}


@router.get("/organizations/{code}", auth=None, response={200: OrganizationOut, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def get_organization(request: HttpRequest, code: str, as_of: IsoDate | None = AS_OF):
    return queries.get_organization(code, as_of=_as_of(as_of))


@router.get("/bodies", auth=None, response={200: BodiesPage, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def list_bodies(request: HttpRequest, page: Query[PageIn], as_of: IsoDate | None = AS_OF):
    """Bodies named as they were on the date (the Summit is a Council from 2022-10-13)."""
    date = _as_of(as_of)
    return {"as_of": date.isoformat(), **paginate(queries.list_bodies(as_of=date), page)}


@router.get("/chairmanships", auth=None, response={200: ChairmanshipsPage, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def list_chairmanships(request: HttpRequest, page: Query[PageIn], as_of: IsoDate | None = AS_OF):
    """Chairmanship terms; with `as_of`, the term that covers that date."""
    date = as_of
    result = paginate(queries.list_chairmanships(as_of=date), page)
    if date is not None:
        for term in result["items"]:
            term.approximate = not rules.certainly_covers(term, date)
    return result


@router.get("/secretariat", auth=None, response={200: SecretariatOut, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def get_secretariat(request: HttpRequest, as_of: IsoDate | None = AS_OF):
    """The Secretariat on the date: its seat, and each post's title and holder."""
    date = _as_of(as_of)
    return {"as_of": date.isoformat(), **queries.secretariat_on(date)}


@router.get("/figures", auth=None, response={200: FiguresOut, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def get_figures(request: HttpRequest, as_of: IsoDate | None = AS_OF):
    """Key figures on the date, derived from the status histories."""
    date = _as_of(as_of)
    figures = queries.key_figures(date)
    chair, head, ranges = figures["chair"], figures["head_of_secretariat"], figures["ranges"]
    chair_approximate = bool(chair and chair.approximate)
    head_approximate = bool(head and head.approximate)
    return {
        "as_of": date.isoformat(),
        **{name: high for name, (_low, high) in ranges.items()},
        "ranges": {name: format_range(*pair) for name, pair in ranges.items()},
        "chair": chair.state.code if chair else None,
        "chair_approximate": chair_approximate,
        "head_of_secretariat": (head.person_en or head.person) if head else None,
        "head_of_secretariat_approximate": head_approximate,
        "approximate": chair_approximate
        or head_approximate
        or any(low != high for low, high in ranges.values()),
    }


@router.get("/sources", auth=None, response={200: SourcesPage, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def list_sources(request: HttpRequest, page: Query[PageIn]):
    """The publications the registry cites."""
    return paginate(queries.list_sources(), page)


@router.get("/conflicts", auth=None, response={200: ConflictsPage, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def list_conflicts(request: HttpRequest, page: Query[PageIn]):
    """Points on which sources disagree, every value kept with its sources."""
    return paginate(queries.list_conflicts(), page)
