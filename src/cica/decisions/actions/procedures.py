"""A procedure of either kind: putting a version to a body (by silence or at a meeting), a
comment on it, its withdrawal."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from cica.core import audit, clock, limits, roles
from cica.core.errors import InvalidInput
from cica.decisions import admission, competence, errors, permissions, rules, tasks
from cica.decisions.actions._common import Status, _check_open, _lock, _receipted, _require, _text
from cica.decisions.models import Comment, Draft, Procedure, Version
from cica.decisions.queries import status_of
from cica.registry import queries as registry
from cica.registry.models import Body


def _check_puttable(version: Version) -> None:
    """A version goes to a procedure with its English text, and its draft is not decided."""
    if not version.text_en:
        raise errors.EnglishTextPending(field="version")
    now = clock.now()
    for procedure in Procedure.objects.filter(version__draft=version.draft_id).select_related(
        "silence_break"
    ):
        status = status_of(procedure, now)
        if status in (Status.OPEN, Status.ADOPTED):
            raise errors.VersionInProcedure(
                field="version", status=Procedure.Status(status).label, id=procedure.pk
            )


def _open(acting_user, version: Version, body: Body, kind: str, now, **fields) -> Procedure:
    """Put a version to a body: one that may adopt its kind today (competence.RULES), once the
    steps before the decision are done (admission)."""
    _require(
        permissions.can_open_procedure(acting_user),
        _("Only the Secretariat or the Chair opens a procedure."),
    )
    # A draft is in one open or adopted procedure at most: the draft's row serialises the check
    # (add_version takes the same lock), so identical requests at once open one procedure.
    draft, today = Draft.objects.select_for_update().get(pk=version.draft_id), clock.today()
    competence.check_competence(draft.kind, body.key, today)
    _check_puttable(version)
    admission.check_draftable(draft.kind, draft.effect)
    admission.check_signed(draft, today)
    procedure = Procedure.objects.create(
        version=version,
        kind=kind,
        body=body,
        opened_by=acting_user,
        opened_as=Procedure.OpenedAs.SECRETARIAT
        if roles.is_secretariat(acting_user)
        else Procedure.OpenedAs.CHAIR,
        opened_at=now,
        **fields,
    )
    # The eligible states are the member states on the opening date, a snapshot.
    procedure.eligible_states.set(registry.members_on(clock.today()))
    return procedure


@transaction.atomic
def open_silence_procedure(
    *, acting_user, version: Version, body: Body, deadline: dt.datetime | None = None
) -> Procedure:
    now = clock.now()
    deadline = deadline or now + rules.DEFAULT_SILENCE_PERIOD
    if deadline.tzinfo is None:
        raise InvalidInput(_("Give the deadline with its time zone."), field="deadline")
    if not rules.is_within_the_calendar(deadline):
        raise InvalidInput(_("The deadline is too far in the future."), field="deadline")
    if deadline <= now:
        raise InvalidInput(_("The deadline must be in the future."), field="deadline")
    procedure = _open(acting_user, version, body, Procedure.Kind.SILENCE, now, deadline=deadline)
    audit.record(
        actor=acting_user,
        action="decisions.open_silence_procedure",
        obj=procedure,
        payload={
            "version": version.pk,
            "version_hash": version.hash,
            "body": body.key,
            "deadline": deadline.isoformat(),
            "eligible": sorted(procedure.eligible_states.values_list("code", flat=True)),
        },
    )
    tasks.schedule_deadline(procedure)
    tasks.notify_later(procedure, "opened")
    return procedure


@transaction.atomic
def open_meeting_procedure(
    *, acting_user, version: Version, body: Body, meeting_date: dt.date | None = None
) -> Procedure:
    """The chair puts a version to a meeting; delegations present may object."""
    meeting_date = meeting_date or clock.today()
    procedure = _open(
        acting_user, version, body, Procedure.Kind.MEETING, clock.now(), meeting_date=meeting_date
    )
    audit.record(
        actor=acting_user,
        action="decisions.open_meeting_procedure",
        obj=procedure,
        payload={
            "version": version.pk,
            "version_hash": version.hash,
            "body": body.key,
            "meeting_date": meeting_date.isoformat(),
        },
    )
    return procedure


@transaction.atomic
def comment(*, acting_user, procedure: Procedure, text: str) -> Comment:
    """Observers, delegates and the Secretariat comment; a comment blocks nothing."""
    _require(permissions.can_comment(acting_user, procedure), _("You may not comment here."))
    text = _text(text, "text", limits.COMMENT)
    procedure = _lock(procedure)
    now = clock.now()
    _check_open(procedure, now)
    record = Comment.objects.create(procedure=procedure, user=acting_user, text=text, at=now)
    entry = audit.record(
        actor=acting_user,
        action="decisions.comment",
        obj=procedure,
        payload={"comment": record.pk, "text": text, "at": now.isoformat()},
    )
    _receipted(record, entry)
    return record


@transaction.atomic
def withdraw_procedure(*, acting_user, procedure: Procedure) -> Procedure:
    _require(
        permissions.can_withdraw(acting_user, procedure),
        _("Only whoever opened the procedure may withdraw it."),
    )
    procedure = _lock(procedure)
    now = clock.now()
    _check_open(procedure, now)
    procedure.withdrawn_at, procedure.withdrawn_by = now, acting_user
    procedure.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit.record(actor=acting_user, action="decisions.withdraw", obj=procedure)
    return procedure
