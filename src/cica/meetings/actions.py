"""The Secretariat plans and records meetings: every change checked, in a transaction, audited.

A changed meeting keeps its calendar id and raises its revision, so calendar clients update it.
Cancelling keeps the record. A title left empty is the body's name on the meeting's date with
its ordinal ("Seventh Meeting of the Council of Ministers of Foreign Affairs ...").
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from cica.core import audit, limits
from cica.core.errors import InvalidInput, SecretariatOnly
from cica.meetings import errors, permissions, queries
from cica.meetings.models import AgendaItem, Delegation, Meeting
from cica.registry.models import Body, Organization, State

EDITABLE = (
    "title_en",
    "title_ru",
    "ordinal",
    "kind",
    "start_date",
    "end_date",
    "city",
    "country",
    "format",
    "chair",
    "status",
    "theme",
    "occasion",
)
# The longest text of each editable field (core.limits).
TEXT_LIMITS = {
    "title_en": limits.TITLE,
    "title_ru": limits.TITLE,
    "city": limits.LABEL,
    "theme": limits.TITLE,
    "occasion": limits.TITLE,
}


def _require_secretariat(user) -> None:
    if not permissions.can_manage_meetings(user):
        raise SecretariatOnly(_("Only the Secretariat plans and records meetings."))


def _check_texts(fields: dict) -> None:
    for name, limit in TEXT_LIMITS.items():
        if isinstance(fields.get(name), str):
            limits.check(fields[name], limit, field=name)


def _check_dates(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise InvalidInput(_("A meeting cannot end before it starts."), field="end_date")


def _derived(meeting: Meeting) -> tuple[str, str]:
    return queries.title_for(meeting.body, meeting.start_date, meeting.ordinal, meeting.kind)


def _name(meeting: Meeting, derived_before: tuple[str, str] = ("", "")) -> None:
    """Give each title left empty, or still the one derived before this change, the one derived
    now: a rescheduled or renumbered meeting follows its body's name on its new date."""
    for language, before, now in zip(("en", "ru"), derived_before, _derived(meeting), strict=True):
        title = getattr(meeting, f"title_{language}") or ""
        if not title.strip() or title == before:
            setattr(meeting, f"title_{language}", now)


def _snapshot(meeting: Meeting) -> dict:
    values = {}
    for name in EDITABLE:
        value = getattr(meeting, name)
        values[name] = getattr(value, "code", value) if value is not None else None
    return values


@transaction.atomic
def create_meeting(
    *, acting_user, body: Body, start_date: dt.date, end_date: dt.date | None = None, **fields
) -> Meeting:
    _require_secretariat(acting_user)
    end_date = end_date or start_date
    _check_dates(start_date, end_date)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInput(_("Unknown field."), field=sorted(unknown)[0])
    _check_texts(fields)
    meeting = Meeting(
        body=body,
        start_date=start_date,
        end_date=end_date,
        status=fields.pop("status", Meeting.Status.PLANNED),
        **fields,
    )
    _name(meeting)
    meeting.save()
    audit.record(
        actor=acting_user, action="meetings.create", obj=meeting, payload=_snapshot(meeting)
    )
    return meeting


@transaction.atomic
def update_meeting(*, acting_user, meeting: Meeting, **changes) -> Meeting:
    """Edit or reschedule a meeting; its calendar revision goes up."""
    _require_secretariat(acting_user)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput(_("Unknown field."), field=sorted(unknown)[0])
    _check_texts(changes)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise errors.MeetingCancelled(field="status")
    before, derived_before = _snapshot(meeting), _derived(meeting)
    for name, value in changes.items():
        setattr(meeting, name, value)
    _check_dates(meeting.start_date, meeting.end_date)
    _name(meeting, derived_before)
    meeting.sequence += 1
    meeting.save()
    audit.record(
        actor=acting_user,
        action="meetings.update",
        obj=meeting,
        payload={"before": before, "after": _snapshot(meeting)},
    )
    return meeting


def reschedule_meeting(
    *, acting_user, meeting: Meeting, start_date: dt.date, end_date: dt.date | None = None
) -> Meeting:
    return update_meeting(
        acting_user=acting_user,
        meeting=meeting,
        start_date=start_date,
        end_date=end_date or start_date,
    )


@transaction.atomic
def cancel_meeting(*, acting_user, meeting: Meeting, reason: str = "") -> Meeting:
    """Cancel a planned meeting: it stays in the record, and in calendars as cancelled."""
    _require_secretariat(acting_user)
    limits.check(reason, limits.COMMENT, field="reason")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.PLANNED:
        raise errors.MeetingNotPlanned(field="status")
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence"])
    audit.record(
        actor=acting_user, action="meetings.cancel", obj=meeting, payload={"reason": reason}
    )
    return meeting


@transaction.atomic
def record_delegation(
    *,
    acting_user,
    meeting: Meeting,
    level: str,
    state: State | None = None,
    organization: Organization | None = None,
    head: str = "",
) -> Delegation:
    """Who took part, and at what level; a second record for the same party replaces the first."""
    _require_secretariat(acting_user)
    if bool(state) == bool(organization):
        raise InvalidInput(_("Name either a state or an organization."), field="state")
    if level not in Delegation.Level.values:
        raise InvalidInput(_("Unknown level."), field="level")
    limits.check(head.strip(), limits.NAME, field="head")
    delegation, _created = Delegation.objects.update_or_create(
        meeting=meeting,
        state=state,
        organization=organization,
        defaults={"level": level, "head": head.strip()},
    )
    audit.record(
        actor=acting_user,
        action="meetings.record_delegation",
        obj=meeting,
        payload={"party": (state or organization).code, "level": level, "head": delegation.head},
    )
    return delegation


@transaction.atomic
def add_agenda_item(*, acting_user, meeting: Meeting, title: str, version=None) -> AgendaItem:
    """Add an item; with a version, the item puts it to the meeting for consensus."""
    from cica.decisions.actions import open_meeting_procedure

    title = (title or "").strip()
    if not title:
        raise InvalidInput(_("This field is required."), field="title")
    _require_secretariat(acting_user)
    limits.check(title, limits.TITLE, field="title")
    if version is not None and meeting.body is None:
        raise InvalidInput(_("Only a meeting of a CICA body decides."), field="version")
    # Positions follow the items on the agenda now: the meeting's row serialises them (the
    # meeting passed in may hold its agenda as read before).
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    position = AgendaItem.objects.filter(meeting=meeting).count() + 1
    procedure = (
        open_meeting_procedure(
            acting_user=acting_user,
            version=version,
            body=meeting.body,
            meeting_date=meeting.start_date,
        )
        if version is not None
        else None
    )
    item = AgendaItem.objects.create(
        meeting=meeting, position=position, title=title, procedure=procedure
    )
    audit.record(
        actor=acting_user,
        action="meetings.add_agenda_item",
        obj=meeting,
        payload={
            "position": position,
            "title": title,
            "procedure": procedure.pk if procedure else None,
        },
    )
    return item
