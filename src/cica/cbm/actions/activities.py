"""Activities: a member state's delegate records its state's activity (as host or participant),
the Secretariat validates or returns it, a delegate corrects it, and a report or programme is
attached."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from cica.cbm import errors, permissions
from cica.cbm.actions.guards import require_may_record, require_secretariat
from cica.cbm.models import Activity, ActivityFile, Kind, PlannedEvent, PriorityArea
from cica.cbm.permissions import activity_audience
from cica.core import attachments, audit, clock, limits
from cica.core.errors import InvalidInput, PermissionDenied
from cica.registry import queries as registry
from cica.registry.models import State

MEMBER = "member"


def _require_may_record(user, host_state: State, participants: list[State]) -> None:
    """A delegate records an activity only if its own state hosts it or takes part."""
    require_may_record(user)
    if not permissions.can_record_activity(user, host_state, participants):
        raise errors.NotHostOrParticipant()


def _lock(activity: Activity) -> Activity:
    """Re-read the activity under a row lock: its status, read first by the rules, is then the
    one the write follows (PostgreSQL runs identical requests side by side otherwise)."""
    return Activity.objects.select_for_update().get(pk=activity.pk)


def _snapshot(activity: Activity) -> dict:
    return {
        "area": activity.area.key,
        "kind": activity.kind,
        "title": activity.title,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "host_state": activity.host_state.code,
        "participants": sorted(s.code for s in activity.participants.all()),
        "organizations": sorted(o.code for o in activity.organizations.all()),
        "measures": sorted(m.pk for m in activity.measures.all()),
        "planned_event": activity.planned_event_id,
        "summary": activity.summary,
        "status": activity.status,
    }


def _check_activity(
    area, kind, title, start_date, end_date, host_state, measures, planned_event, summary
):
    if kind not in Kind.values:
        raise InvalidInput(_("Unknown kind of activity."), field="kind")
    if not (title or "").strip():
        raise InvalidInput(_("Give the activity a title."), field="title")
    limits.check(title.strip(), limits.TITLE, field="title")
    limits.check(summary, limits.COMMENT, field="summary")
    if end_date < start_date:
        raise InvalidInput(_("An activity cannot end before it starts."), field="end_date")
    if start_date > clock.today():
        raise InvalidInput(_("An activity is recorded once it has started."), field="start_date")
    if registry.status_on(host_state, start_date) != MEMBER:
        raise InvalidInput(
            _("The host must be a member state on the first day of the activity."),
            field="host_state",
        )
    if any(measure.area_id != area.pk for measure in measures):
        raise InvalidInput(_("A measure of another priority area."), field="measures")
    if planned_event is not None and planned_event.area_id != area.pk:
        raise InvalidInput(_("A planned event of another priority area."), field="planned_event")


@transaction.atomic
def record_activity(
    *,
    acting_user,
    area: PriorityArea,
    kind: str,
    title: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    host_state: State,
    participants: list[State] = (),
    organizations: list = (),
    measures: list = (),
    planned_event: PlannedEvent | None = None,
    summary: str = "",
) -> Activity:
    participants = list(dict.fromkeys(participants))
    _require_may_record(acting_user, host_state, participants)
    end_date = end_date or start_date
    _check_activity(
        area, kind, title, start_date, end_date, host_state, measures, planned_event, summary
    )
    activity = Activity.objects.create(
        area=area,
        kind=kind,
        title=title.strip(),
        start_date=start_date,
        end_date=end_date,
        host_state=host_state,
        summary=summary,
        planned_event=planned_event,
        recorded_at=clock.now(),
        recorded_by=acting_user,
    )
    activity.participants.set(participants)
    activity.organizations.set(organizations)
    activity.measures.set(measures)
    audit.record(
        actor=acting_user,
        action="cbm.record_activity",
        obj=activity,
        payload=_snapshot(activity),
        private_to=activity_audience(activity),
    )
    return activity


def _decide(acting_user, activity: Activity, status: str, note: str, action: str) -> Activity:
    require_secretariat(acting_user)
    limits.check(note, limits.NOTE, field="note")
    activity = _lock(activity)
    if activity.status == status:
        raise errors.ActivityAlreadyInStatus(field="status", status=activity.get_status_display())
    activity.status, activity.validation_note = status, note
    activity.validated_at = clock.now() if status == Activity.Status.VALIDATED else None
    activity.save(update_fields=["status", "validation_note", "validated_at"])
    audit.record(
        actor=acting_user,
        action=action,
        obj=activity,
        payload={"title": activity.title, "status": status, "note": note},
        private_to=activity_audience(activity),
    )
    return activity


@transaction.atomic
def validate_activity(*, acting_user, activity: Activity, note: str = "") -> Activity:
    """The Secretariat confirms the record: it counts in the review as held."""
    return _decide(acting_user, activity, Activity.Status.VALIDATED, note, "cbm.validate_activity")


@transaction.atomic
def return_activity(*, acting_user, activity: Activity, note: str) -> Activity:
    """The Secretariat sends the record back for correction, saying why."""
    require_secretariat(acting_user)
    if not (note or "").strip():
        raise InvalidInput(_("Say what needs correcting."), field="note")
    return _decide(acting_user, activity, Activity.Status.RETURNED, note, "cbm.return_activity")


@transaction.atomic
def correct_activity(*, acting_user, activity: Activity, **changes) -> Activity:
    """Its state's delegate (or the Secretariat) corrects a record not yet validated; it awaits
    validation again."""
    participants = changes.pop("participants", None)
    organizations = changes.pop("organizations", None)
    measures = changes.pop("measures", None)
    activity = _lock(activity)
    current = list(activity.participants.all())
    _require_may_record(acting_user, activity.host_state, current)
    if (
        activity.status == Activity.Status.VALIDATED
        and not permissions.can_change_validated_activity(acting_user)
    ):
        raise errors.ActivityValidated(field="status")
    unknown = set(changes) - {
        "area",
        "kind",
        "title",
        "start_date",
        "end_date",
        "host_state",
        "summary",
        "planned_event",
    }
    if unknown:
        raise InvalidInput(_("Unknown field."), field=sorted(unknown)[0])
    host = changes.get("host_state", activity.host_state)
    if host != activity.host_state and not permissions.can_change_activity_host(
        acting_user, activity
    ):
        raise PermissionDenied(
            _("Only the host state's delegates or the Secretariat change the host."),
            field="host_state",
        )
    for name, value in changes.items():
        setattr(activity, name, value)
    activity.end_date = activity.end_date or activity.start_date
    participants = current if participants is None else list(dict.fromkeys(participants))
    _require_may_record(acting_user, activity.host_state, participants)
    measures = list(activity.measures.all()) if measures is None else measures
    _check_activity(
        activity.area,
        activity.kind,
        activity.title,
        activity.start_date,
        activity.end_date,
        activity.host_state,
        measures,
        activity.planned_event,
        activity.summary,
    )
    if not permissions.can_manage_cbm(acting_user):
        # Back to validation, now public again: the note of the return was for its states
        # alone (the audit record keeps it).
        activity.status, activity.validation_note = Activity.Status.RECORDED, ""
    activity.save()
    activity.participants.set(participants)
    activity.measures.set(measures)
    if organizations is not None:
        activity.organizations.set(organizations)
    audit.record(
        actor=acting_user,
        action="cbm.correct_activity",
        obj=activity,
        payload=_snapshot(activity),
        private_to=activity_audience(activity),
    )
    return activity


def attach_activity_file(*, acting_user, activity: Activity, name: str, content: bytes):
    """A report or programme of the activity; checked like the documents' official texts (an
    attachment has no text to extract). A validated activity changes only by the Secretariat,
    as in correct_activity: it stays as the Secretariat validated it."""
    _require_may_record(acting_user, activity.host_state, list(activity.participants.all()))
    inspected = attachments.inspect(name, content)
    stored = ActivityFile(
        activity=activity,
        name=inspected.name,
        content_type=inspected.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
    )
    with attachments.stored_with(stored), transaction.atomic():
        # The status as it is under the lock: a validation at the same moment counts.
        activity = _lock(activity)
        if (
            activity.status == Activity.Status.VALIDATED
            and not permissions.can_change_validated_activity(acting_user)
        ):
            raise errors.ActivityValidated(
                _("The activity is %(status)s: only the Secretariat attaches files to it now.")
                % {"status": activity.get_status_display()},
                field="status",
            )
        attached = ActivityFile.objects.filter(activity=activity)
        attachments.store(stored, inspected, content, attached=attached)
        audit.record(
            actor=acting_user,
            action="cbm.attach_file",
            obj=stored,
            payload={"activity": activity.pk, "name": stored.name, "sha256": stored.sha256},
            private_to=activity_audience(activity),
        )
    return stored
