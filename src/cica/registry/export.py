"""The registry as open data: one JSON document, or CSV tables, built from the API's own shapes."""

import datetime as dt
from collections.abc import Callable, Iterable

from cica.core import clock
from cica.registry import queries
from cica.registry.models import BodyName, MembershipStatus, PostHolder
from cica.registry.schemas import (
    BodyOut,
    ChairmanshipTermOut,
    ConflictOut,
    OrganizationOut,
    PostHolderOut,
    SourceOut,
    StateDetailOut,
)


def _dump(schema, objects) -> list[dict]:
    return [schema.from_orm(obj).model_dump(mode="json") for obj in objects]


def registry_document(as_of: dt.date) -> dict:
    """Everything the registry holds, with statuses evaluated on `as_of`."""
    # The plugin knows no custom prefetch: a record's decision is registry.models.DecisionOfRecord.
    states = queries.list_states(as_of=as_of).prefetch_related(  # type: ignore[misc]
        queries.histories(), "chairmanships__sources", "chairmanships__decision", "sources"
    )
    history = queries.list_secretariat_history()
    return {
        "meta": {
            "title": "CICA registry",
            "generated_at": clock.now().isoformat(),
            "as_of": as_of.isoformat(),
            "dates": "partial dates keep their precision: YYYY, YYYY-MM or YYYY-MM-DD",
        },
        "states": _dump(StateDetailOut, states),
        "organizations": _dump(OrganizationOut, queries.list_organizations(as_of=as_of)),
        "bodies": _dump(BodyOut, queries.list_bodies(as_of=as_of)),
        "chairmanships": _dump(ChairmanshipTermOut, queries.list_chairmanships()),
        "secretariat": {"holders": _dump(PostHolderOut, history["holders"])},
        "sources": _dump(SourceOut, queries.list_sources()),
        "conflicts": _dump(ConflictOut, queries.list_conflicts()),
    }


def _flag(value: bool) -> str:
    # An empty "from" or "to" is open unless flagged: no source gives it ("date unknown").
    return "true" if value else "false"


def _keys(record) -> str:
    return " ".join(source.key for source in record.sources.all())


def _status_rows() -> Iterable[list]:
    statuses = MembershipStatus.objects.select_related("state", "organization").prefetch_related(
        "sources"
    )
    for status in statuses.order_by("state__code", "organization__code", "valid_from"):
        party = status.state or status.organization
        assert party is not None, "a status is a state's or an organization's"
        yield [
            "state" if status.state else "organization",
            party.code,
            party.name_en,
            party.name_ru or "",
            status.status,
            status.from_text,
            status.to_text,
            status.basis,
            status.note,
            _keys(status),
            _flag(status.from_unknown),
            _flag(status.to_unknown),
        ]


def _state_rows(as_of: dt.date) -> Iterable[list]:
    for state in queries.list_states(as_of=as_of):
        yield [state.code, state.name_en, state.name_ru or "", state.status_on_date]


def _body_name_rows() -> Iterable[list]:
    names = BodyName.objects.select_related("body").prefetch_related("sources")
    for name in names.order_by("body__position", "valid_from"):
        yield [
            name.body.key,
            name.body.kind,
            name.name_en,
            name.name_ru or "",
            name.from_text,
            name.to_text,
            _keys(name),
        ]


def _chairmanship_rows() -> Iterable[list]:
    for term in queries.list_chairmanships():
        yield [term.state.code, term.state.name_en, term.from_text, term.to_text, _keys(term)]


def _holder_rows() -> Iterable[list]:
    holders = PostHolder.objects.select_related("post", "nationality").prefetch_related("sources")
    for holder in holders:
        yield [
            holder.post.kind,
            holder.person_en,
            holder.title_en,
            holder.nationality.code if holder.nationality else "",
            holder.from_text,
            holder.to_text,
            "; ".join(holder.attested),
            _keys(holder),
            _flag(holder.from_unknown),
            _flag(holder.to_unknown),
        ]


def _source_rows() -> Iterable[list]:
    for source in queries.list_sources():
        yield [source.key, source.title, source.url, source.date]


# name -> (header, rows); rows take the date statuses are evaluated on.
CSV_TABLES: dict[str, tuple[list[str], Callable[[dt.date], Iterable[list]]]] = {
    "statuses": (
        [
            "party_type",
            "code",
            "name_en",
            "name_ru",
            "status",
            "from",
            "to",
            "basis",
            "note",
            "sources",
            "start_unknown",
            "end_unknown",
        ],
        lambda as_of: _status_rows(),
    ),
    "states": (["code", "name_en", "name_ru", "status"], _state_rows),
    "bodies": (
        ["body", "kind", "name_en", "name_ru", "from", "to", "sources"],
        lambda as_of: _body_name_rows(),
    ),
    "chairmanships": (
        ["state", "name_en", "from", "to", "sources"],
        lambda as_of: _chairmanship_rows(),
    ),
    "secretariat": (
        [
            "post",
            "person",
            "title",
            "nationality",
            "from",
            "to",
            "attested",
            "sources",
            "start_unknown",
            "end_unknown",
        ],
        lambda as_of: _holder_rows(),
    ),
    "sources": (["id", "title", "url", "date"], lambda as_of: _source_rows()),
}
