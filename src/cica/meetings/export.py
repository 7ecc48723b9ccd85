"""Meetings and delegations as CSV open data.

A body is given by its names on the meeting's date, as pages show it, not by its key.
"""

from collections.abc import Iterable

from cica.meetings.models import Delegation, Meeting
from cica.meetings.queries import with_body_names


def _meeting_rows(as_of=None) -> Iterable[list]:
    meetings = with_body_names(
        Meeting.objects.select_related("country", "chair").prefetch_related("sources")
    )
    for m in meetings.order_by("start_date", "pk"):
        yield [
            m.pk,
            m.uid,
            m.body_name_en or "",
            m.body_name_ru or "",
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
            m.occasion,
            " ".join(source.key for source in m.sources.all()),
        ]


def _delegation_rows(as_of=None) -> Iterable[list]:
    names = {
        pk: (name_en or "", name_ru or "")
        for pk, name_en, name_ru in with_body_names(Meeting.objects.all()).values_list(
            "pk", "body_name_en", "body_name_ru"
        )
    }
    delegations = Delegation.objects.select_related("meeting", "state", "organization").order_by(
        "meeting__start_date", "meeting_id", "pk"
    )
    for d in delegations:
        yield [
            d.meeting_id,
            *names[d.meeting_id],
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
            "body_name_en",
            "body_name_ru",
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
            "occasion",
            "sources",
        ],
        _meeting_rows,
    ),
    "delegations": (
        [
            "meeting",
            "body_name_en",
            "body_name_ru",
            "start_date",
            "state",
            "organization",
            "level",
            "head",
        ],
        _delegation_rows,
    ),
}
