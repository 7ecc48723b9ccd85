"""Meetings and delegations as CSV open data."""

from collections.abc import Iterable

from cica.meetings.models import Delegation, Meeting


def _meeting_rows(as_of=None) -> Iterable[list]:
    meetings = Meeting.objects.select_related("body", "country", "chair").prefetch_related(
        "sources"
    )
    for m in meetings.order_by("start_date", "pk"):
        yield [
            m.pk,
            m.uid,
            m.body.key if m.body else "",
            m.ordinal or "",
            m.kind,
            m.title_en or "",
            m.title_ru or "",
            m.start_date,
            m.end_date,
            m.date_precision,
            m.city,
            m.country.code if m.country else "",
            m.format,
            m.chair.code if m.chair else "",
            m.status,
            " ".join(source.key for source in m.sources.all()),
        ]


def _delegation_rows(as_of=None) -> Iterable[list]:
    delegations = Delegation.objects.select_related(
        "meeting__body", "state", "organization"
    ).order_by("meeting__start_date", "meeting_id", "pk")
    for d in delegations:
        yield [
            d.meeting_id,
            d.meeting.body.key if d.meeting.body else "",
            d.meeting.start_date,
            d.state.code if d.state else "",
            d.organization.code if d.organization else "",
            d.level,
            d.head,
        ]


CSV_TABLES = {
    "meetings": (
        [
            "id",
            "uid",
            "body",
            "ordinal",
            "kind",
            "title_en",
            "title_ru",
            "start_date",
            "end_date",
            "date_precision",
            "city",
            "country",
            "format",
            "chair",
            "status",
            "sources",
        ],
        _meeting_rows,
    ),
    "delegations": (
        ["meeting", "body", "start_date", "state", "organization", "level", "head"],
        _delegation_rows,
    ),
}
