"""Every change in decision-making: permission checked, one transaction, one audit entry each.

Acts a delegation may need to prove (a break, a comment, an objection, a statement) carry a
receipt: the time the server recorded them and the hash of their entry in the record.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cica.core import audit, clock, limits, roles
from cica.core.errors import InvalidInput, PermissionDenied, unique
from cica.decisions import admission, competence, effects, errors, permissions, rules, tasks
from cica.decisions.models import (
    Comment,
    Decision,
    Draft,
    Extension,
    InterpretativeStatement,
    Objection,
    Procedure,
    SilenceBreak,
    Version,
)
from cica.decisions.queries import list_due_unrecorded, status_of
from cica.registry import queries as registry
from cica.registry.models import Application, Body, MembershipStatus, Source, State

Status = Procedure.Status


def _require(allowed: bool, message, reason: type[PermissionDenied] = PermissionDenied) -> None:
    if not allowed:
        raise reason(message)


def _text(value: str | None, field: str, limit: int, *, required: bool = True) -> str:
    """The text stripped; refused if required and blank, or longer than `limit` (core.limits)."""
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(_("This field is required."), field=field)
    return limits.check(value, limit, field=field)


def _receipted(record, entry) -> None:
    """Stamp an act with the record entry that proves it."""
    record.receipt_seq, record.receipt_hash = entry.seq, entry.hash
    record.save(update_fields=["receipt_seq", "receipt_hash"])


def _lock(procedure: Procedure) -> Procedure:
    """Re-read the procedure under a row lock (PostgreSQL) or the write lock (SQLite)."""
    return Procedure.objects.select_for_update().get(pk=procedure.pk)


def _new_version(draft: Draft, *, user, number: int, title: str, text_en: str, text_ru: str):
    content = rules.version_content(
        draft_id=draft.pk,
        kind=draft.kind,
        effect=draft.effect,
        number=number,
        title=title,
        text_en=text_en,
        text_ru=text_ru,
    )
    return Version.objects.create(
        draft=draft,
        number=number,
        title=title,
        text_en=text_en,
        text_ru=text_ru,
        hash=rules.content_hash(content),
        created_by=user,
        created_at=clock.now(),
    )


def _proposer(user, requested: str | None) -> tuple[str, State | None]:
    """Who proposes: the Secretariat, the Chairmanship, or the delegate's member state."""
    if roles.is_secretariat(user):
        allowed = {Draft.Proposer.SECRETARIAT: None}
    else:
        allowed = {Draft.Proposer.MEMBER_STATE: user.state}
        if permissions.is_chair_delegate(user):
            allowed[Draft.Proposer.CHAIRMANSHIP] = user.state
    proposer = requested or next(iter(allowed))
    if proposer not in allowed:
        raise InvalidInput(
            _("You may propose as: %(allowed)s.") % {"allowed": ", ".join(allowed)},
            field="proposer",
        )
    return proposer, allowed[proposer]


@transaction.atomic
def create_draft(
    *,
    acting_user,
    kind: str,
    title: str,
    text_en: str = "",
    text_ru: str = "",
    effect: dict | None = None,
    proposer: str | None = None,
) -> Draft:
    """A new draft with its first version."""
    _require(permissions.can_create_draft(acting_user), _("You may not propose drafts."))
    if kind not in Draft.Kind.values:
        raise InvalidInput(
            _("Unknown kind; expected one of: %(kinds)s.") % {"kinds": ", ".join(Draft.Kind)},
            field="kind",
        )
    title = _text(title, "title", limits.TITLE)
    text_en = _text(text_en, "text_en", limits.TEXT, required=False)
    text_ru = _text(text_ru, "text_ru", limits.TEXT, required=False)
    proposer, proposer_state = _proposer(acting_user, proposer)
    draft = Draft.objects.create(
        kind=kind,
        effect=effects.check_effect(kind, effect or {}, clock.today()),
        proposer=proposer,
        proposer_state=proposer_state,
        created_by=acting_user,
        created_at=clock.now(),
    )
    version = _new_version(
        draft,
        user=acting_user,
        number=1,
        title=title,
        text_en=text_en,
        text_ru=text_ru,
    )
    audit.record(
        actor=acting_user,
        action="decisions.create_draft",
        obj=draft,
        payload={
            "kind": kind,
            "effect": draft.effect,
            "proposer": proposer,
            "version": {"number": 1, "hash": version.hash},
        },
    )
    return draft


@transaction.atomic
def add_version(
    *, acting_user, draft: Draft, text_en: str, text_ru: str = "", title: str | None = None
) -> Version:
    """A revised text: versions are never edited, only added."""
    _require(permissions.can_add_version(acting_user, draft), _("You may not revise this draft."))
    title = _text(title, "title", limits.TITLE) if title is not None else None
    text_en = _text(text_en, "text_en", limits.TEXT, required=False)
    text_ru = _text(text_ru, "text_ru", limits.TEXT, required=False)
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    last = draft.versions.order_by("-number").first()
    version = _new_version(
        draft,
        user=acting_user,
        number=last.number + 1,
        title=title if title is not None else last.title,
        text_en=text_en,
        text_ru=text_ru,
    )
    audit.record(
        actor=acting_user,
        action="decisions.add_version",
        obj=version,
        payload={"draft": draft.pk, "number": version.number, "hash": version.hash},
    )
    return version


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
    procedure = _open(
        acting_user,
        version,
        body,
        Procedure.Kind.MEETING,
        clock.now(),
        meeting_date=meeting_date or clock.today(),
    )
    audit.record(
        actor=acting_user,
        action="decisions.open_meeting_procedure",
        obj=procedure,
        payload={
            "version": version.pk,
            "version_hash": version.hash,
            "body": body.key,
            "meeting_date": procedure.meeting_date.isoformat(),
        },
    )
    return procedure


def _check_open(procedure: Procedure, now: dt.datetime) -> None:
    status = status_of(procedure, now)
    if status != Status.OPEN:
        reason = errors.SilenceBroken if status == Status.BROKEN else errors.ProcedureNotOpen
        raise reason(field="procedure", status=Procedure.Status(status).label)


@transaction.atomic
def break_silence(
    *, acting_user, procedure: Procedure, reason: str, proposed_wording: str = ""
) -> SilenceBreak:
    """A member state breaks silence before the deadline: the procedure ends at once."""
    if procedure.kind != Procedure.Kind.SILENCE:
        raise errors.NotASilenceProcedure(field="procedure")
    _require(
        permissions.can_decide(acting_user, procedure),
        _("Only a delegate of an eligible member state may break silence."),
        errors.NotEligible,
    )
    reason = _text(reason, "reason", limits.COMMENT)
    proposed_wording = _text(proposed_wording, "proposed_wording", limits.COMMENT, required=False)
    procedure = _lock(procedure)
    # The time is taken after the lock: whoever holds it first decides the race.
    now = clock.now()
    if not rules.can_break_silence(now, procedure.deadline):
        raise errors.DeadlinePassed(field="deadline", deadline=procedure.deadline.isoformat())
    _check_open(procedure, now)
    silence_break = SilenceBreak.objects.create(
        procedure=procedure,
        state=acting_user.state,
        user=acting_user,
        reason=reason,
        proposed_wording=proposed_wording,
        at=now,
    )
    entry = audit.record(
        actor=acting_user,
        action="decisions.break_silence",
        obj=procedure,
        payload={
            "state": acting_user.state.code,
            "reason": reason,
            "proposed_wording": silence_break.proposed_wording,
            "at": now.isoformat(),
        },
    )
    _receipted(silence_break, entry)
    tasks.notify_later(procedure, "broken")
    return silence_break


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
def extend_deadline(
    *, acting_user, procedure: Procedure, deadline: dt.datetime, chair_instruction: str = ""
) -> Extension:
    """The Chair extends a running deadline; never shortens it.

    The silence procedure as specified: extending is the Chair's act. The Secretariat extends
    only acting for the Chair, naming the Chair's instruction, which the record keeps.
    """
    _require(
        permissions.can_extend(acting_user, procedure),
        _("Only the Chair extends a deadline, or the Secretariat acting for the Chair."),
    )
    acting_for_chair = not permissions.is_chair_delegate(acting_user)
    instruction = (
        _text(chair_instruction, "chair_instruction", limits.NOTE, required=False)
        if acting_for_chair
        else ""
    )
    chair = registry.current_chair(clock.today())
    if acting_for_chair and (not instruction or chair is None):
        raise errors.ChairInstructionRequired(field="chair_instruction")
    if procedure.kind != Procedure.Kind.SILENCE:
        raise errors.NotASilenceProcedure(
            _("Only a silence procedure has a deadline."), field="procedure"
        )
    if deadline.tzinfo is None:
        raise InvalidInput(_("Give the deadline with its time zone."), field="deadline")
    if not rules.is_within_the_calendar(deadline):
        raise InvalidInput(_("The deadline is too far in the future."), field="deadline")
    procedure = _lock(procedure)
    now = clock.now()
    _check_open(procedure, now)
    if deadline <= procedure.deadline:
        raise errors.DeadlineShortened(field="deadline", deadline=procedure.deadline.isoformat())
    extension = Extension.objects.create(
        procedure=procedure,
        previous_deadline=procedure.deadline,
        new_deadline=deadline,
        user=acting_user,
        at=now,
        chair_state=chair.state if chair else None,
        acting_for_chair=acting_for_chair,
        chair_instruction=instruction,
    )
    procedure.deadline = deadline
    procedure.save(update_fields=["deadline"])
    audit.record(
        actor=acting_user,
        action="decisions.extend_deadline",
        obj=procedure,
        payload={
            "from": extension.previous_deadline.isoformat(),
            "to": deadline.isoformat(),
            "chair": chair.state.code if chair else None,
            "acting_for_chair": acting_for_chair,
            "chair_instruction": instruction,
        },
    )
    tasks.schedule_deadline(procedure)
    tasks.notify_later(procedure, "extended")
    return extension


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


@transaction.atomic
def object_at_meeting(*, acting_user, procedure: Procedure, reason: str = "") -> Objection:
    """A member state's delegation objects to the version put to the meeting."""
    if procedure.kind != Procedure.Kind.MEETING:
        raise errors.NotAMeetingProcedure(field="procedure")
    _require(
        permissions.can_decide(acting_user, procedure),
        _("Only a delegate of a member state may object."),
        errors.NotEligible,
    )
    reason = _text(reason, "reason", limits.COMMENT, required=False)
    procedure = _lock(procedure)
    now = clock.now()
    _check_open(procedure, now)
    if procedure.objections.filter(state=acting_user.state).exists():
        raise errors.AlreadyObjected(field="procedure")
    objection = Objection.objects.create(
        procedure=procedure,
        state=acting_user.state,
        user=acting_user,
        reason=reason,
        at=now,
    )
    entry = audit.record(
        actor=acting_user,
        action="decisions.object",
        obj=procedure,
        payload={"state": acting_user.state.code, "reason": objection.reason},
    )
    _receipted(objection, entry)
    return objection


def _states(codes, field: str) -> list[State]:
    return registry.list_states_by_code(codes or [], field=field)


@transaction.atomic
def record_meeting_outcome(
    *, acting_user, procedure: Procedure, present: list[str], objecting: list[str] | None = None
) -> Procedure:
    """The chair records "adopted by consensus" or "not adopted" with the objecting states.

    Adoption needs the quorum: two thirds of the member states present (RoP Art. 1.2).
    """
    _require(
        permissions.can_record_outcome(acting_user, procedure),
        _("Only the Chair or the Secretariat records the outcome."),
    )
    if procedure.kind != Procedure.Kind.MEETING:
        raise errors.NotAMeetingProcedure(
            _("Only a meeting has an outcome to record."), field="procedure"
        )
    procedure = _lock(procedure)
    now = clock.now()
    _check_open(procedure, now)
    eligible = set(procedure.eligible_states.all())
    objectors = set(_states(objecting, "objecting")) | {
        objection.state for objection in procedure.objections.select_related("state")
    }
    # A delegation that objects is present.
    attending = set(_states(present, "present")) | objectors
    if not attending <= eligible:
        outsiders = ", ".join(sorted(state.code for state in attending - eligible))
        raise InvalidInput(
            _("Only member states take part in the decision: %(codes)s are not.")
            % {"codes": outsiders},
            field="present",
        )
    result = rules.meeting_outcome(
        members=len(eligible), present=len(attending), objecting=len(objectors)
    )
    if not result.outcome:
        raise errors.NoQuorum(
            field="present",
            present=len(attending),
            members=len(eligible),
            needed=rules.quorum(len(eligible)),
        )
    procedure.outcome, procedure.outcome_at = result.outcome, now
    procedure.save(update_fields=["outcome", "outcome_at"])
    procedure.present_states.set(attending)
    audit.record(
        actor=acting_user,
        action="decisions.record_meeting_outcome",
        obj=procedure,
        payload={
            "outcome": result.outcome,
            "present": sorted(state.code for state in attending),
            "objecting": sorted(state.code for state in objectors),
        },
    )
    if result.outcome == Procedure.Outcome.ADOPTED:
        record_adoption(procedure_id=procedure.pk, acting_user=acting_user)
    return procedure


@transaction.atomic
def record_adoption(*, procedure_id: int, acting_user) -> Decision | None:
    """Number the decision and apply its effect, exactly once, if the procedure is adopted.

    No permission is checked beyond who acts: adoption follows from the procedure's own rules,
    whoever records it (the worker at the deadline, as roles.SYSTEM, or the chair recording a
    meeting's outcome). Idempotent: a second worker recording the same adoption finds the first
    one's decision.
    """
    _require(
        roles.is_actor(acting_user),
        _("Only a signed-in user or the system records an adoption."),
    )
    procedure = Procedure.objects.select_for_update().get(pk=procedure_id)
    existing = Decision.objects.filter(procedure=procedure).first()
    if existing is not None:
        return existing
    if status_of(procedure) != Status.ADOPTED:
        return None
    # Numbering is per body and year: the body's row serialises it.
    body = Body.objects.select_for_update().get(pk=procedure.body_id)
    adopted_at = (
        procedure.deadline if procedure.kind == Procedure.Kind.SILENCE else procedure.outcome_at
    )
    adopted_on = adopted_at.astimezone(clock.ASTANA).date()
    last = Decision.objects.filter(
        body=body, historical=False, adopted_on__year=adopted_on.year
    ).aggregate(last=Max("number"))["last"]
    number = (last or 0) + 1
    version = procedure.version
    draft = version.draft
    decision = Decision.objects.create(
        procedure=procedure,
        version=version,
        body=body,
        number=number,
        symbol=rules.symbol(body.key, adopted_on.year, number),
        title=version.title,
        kind=draft.kind,
        effect=draft.effect,
        adopted_at=adopted_at,
        adopted_on=adopted_on,
        how_en=procedure.kind,
    )
    audit.record(
        actor=acting_user,
        action="decisions.adopt",
        obj=decision,
        payload={
            "symbol": decision.symbol,
            "procedure": procedure.pk,
            "version_hash": version.hash,
            "adopted_at": adopted_at.isoformat(),
        },
    )
    effects.apply_effect(decision, actor=acting_user)
    tasks.notify_later(procedure, "adopted")
    return decision


def settle_due_procedures() -> list[Decision]:
    """Record every adoption whose deadline has passed (`cica settle`; the worker does it too)."""
    due = list(list_due_unrecorded().values_list("pk", flat=True))
    decisions = [
        record_adoption(procedure_id=procedure_id, acting_user=roles.SYSTEM) for procedure_id in due
    ]
    return [decision for decision in decisions if decision is not None]


@transaction.atomic
def add_interpretative_statement(
    *, acting_user, decision: Decision, text: str
) -> InterpretativeStatement:
    """A member state's reading of an adopted decision; it blocks nothing."""
    _require(
        permissions.can_make_statement(acting_user, decision),
        _("Only a delegate of a member state may attach an interpretative statement."),
        errors.NotEligible,
    )
    text = _text(text, "text", limits.COMMENT)
    if decision.historical:
        raise errors.DecisionHistorical(field="decision")
    statement = InterpretativeStatement.objects.create(
        decision=decision, state=acting_user.state, user=acting_user, text=text, at=clock.now()
    )
    entry = audit.record(
        actor=acting_user,
        action="decisions.interpretative_statement",
        obj=decision,
        payload={"state": acting_user.state.code, "text": text},
    )
    _receipted(statement, entry)
    return statement


@transaction.atomic
def record_application(
    *,
    acting_user,
    state: State,
    kind: str,
    date: dt.date,
    note: str = "",
    sources: list[str] | None = None,
) -> Application:
    """A state applies for membership or observer status: the first step of admission."""
    _require(
        permissions.can_record_application(acting_user),
        _("Only the Secretariat records applications."),
    )
    if kind not in Application.Kind.values:
        raise InvalidInput(
            _("Unknown kind; expected one of: %(kinds)s.")
            % {"kinds": ", ".join(Application.Kind.values)},
            field="kind",
        )
    note = _text(note, "note", limits.NOTE, required=False)
    today = clock.today()
    if date > today:
        raise InvalidInput(_("An application cannot be dated in the future."), field="date")
    held = registry.status_on(state, today)
    if held == MembershipStatus.Status.MEMBER or (
        kind == Application.Kind.OBSERVER and held == MembershipStatus.Status.OBSERVER
    ):
        raise errors.StatusAlreadyHeld(effects.already(state, held), field="kind")
    keys = list(dict.fromkeys(str(key).strip() for key in sources or [] if str(key).strip()))
    cited = list(Source.objects.filter(key__in=keys))
    if len(cited) != len(keys):
        unknown = sorted(set(keys) - {source.key for source in cited})
        raise InvalidInput(
            _("Unknown sources: %(keys)s.") % {"keys": ", ".join(unknown)}, field="sources"
        )
    if Application.objects.filter(state=state, kind=kind, date=date).exists():
        raise errors.ApplicationRecorded(field="date")
    with unique(errors.ApplicationRecorded(field="date")):
        application = Application.objects.create(state=state, kind=kind, date=date, note=note)
    application.sources.set(cited)
    audit.record(
        actor=acting_user,
        action="decisions.record_application",
        obj=application,
        payload={
            "state": state.code,
            "kind": kind,
            "date": date.isoformat(),
            "note": application.note,
            "sources": keys,
        },
    )
    return application
