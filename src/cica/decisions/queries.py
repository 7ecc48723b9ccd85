"""Reads of drafts, procedures and decisions; a procedure's status is derived here from time."""

import datetime as dt
import logging
from collections import defaultdict

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from cica.core import clock
from cica.core.errors import InvalidInput, NotFound, PermissionDenied
from cica.core.models import AuditEntry
from cica.decisions import permissions, rules
from cica.decisions.models import Comment, Decision, Draft, Procedure, Version
from cica.registry import queries as registry

authorization_log = logging.getLogger("cica.authorization")

# A procedure, read alone or in a list, comes with its latest comments only: a busy procedure's
# run to thousands (list_comments pages through them all).
LATEST_COMMENTS = 20


def status_of(procedure: Procedure, now: dt.datetime | None = None) -> str:
    """The procedure's status at `now` (default: this instant)."""
    return rules.procedure_status(
        kind=procedure.kind,
        now=now or clock.now(),
        deadline=procedure.deadline,
        broken=hasattr(procedure, "silence_break"),
        withdrawn=procedure.withdrawn_at is not None,
        outcome=procedure.outcome,
    )


def _procedures() -> QuerySet[Procedure]:
    # The body by its name (body_name_en, body_name_ru), never by its key.
    return Procedure.objects.select_related(
        "version__draft", "body", "opened_by", "silence_break__state", "decision"
    ).annotate(**registry.body_names_on(clock.today(), "body"))


def with_acts(procedures: QuerySet[Procedure]) -> QuerySet[Procedure]:
    """Procedures with the acts on them but their comments, in a constant number of queries:
    the extensions, the objections and the break."""
    return procedures.prefetch_related(
        "extensions__user",
        "extensions__chair_state",
        "objections__state",
        "silence_break__user",
    )


def with_discussion(procedures: QuerySet[Procedure]) -> QuerySet[Procedure]:
    """Procedures with their discussion, in a constant number of queries: `comment_count`, the
    LATEST_COMMENTS newest comments (`latest_comments`, newest first), and the acts
    (with_acts)."""
    counts = (
        Comment.objects.filter(procedure=OuterRef("pk"))
        .order_by()
        .values("procedure")
        .annotate(count=Count("pk"))
        .values("count")
    )
    latest = Comment.objects.select_related("user").order_by("-at", "-pk")[:LATEST_COMMENTS]
    return (
        with_acts(procedures)
        .annotate(comment_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))
        .prefetch_related(Prefetch("comments", queryset=latest, to_attr="latest_comments"))
    )


def list_comments(procedure: Procedure) -> QuerySet[Comment]:
    """A procedure's comments, newest first; the procedure is one the user may read
    (access_procedure, access_procedure_page, procedure_to_act_on)."""
    return procedure.comments.select_related("user").order_by("-at", "-pk")


def with_state_codes(procedures: list[Procedure]) -> list[Procedure]:
    """Each procedure's `eligible_codes` and `present_codes`, sorted, from one query of plain
    values each: a page of procedures would otherwise build a State for every one of some
    thirty eligible states of each procedure, most of the time of a delegation's list."""
    by_id = {procedure.pk: procedure for procedure in procedures}
    for relation, attribute in [
        ("eligible_states", "eligible_codes"),
        ("present_states", "present_codes"),
    ]:
        codes = defaultdict(list)
        rows = getattr(Procedure, relation).through.objects.filter(procedure_id__in=by_id)
        for procedure_id, code in rows.values_list("procedure_id", "state__code").order_by(
            "state__code"
        ):
            codes[procedure_id].append(code)
        for pk, procedure in by_id.items():
            setattr(procedure, attribute, codes[pk])
    return procedures


def _check_can_follow(user) -> None:
    """The decision path's reads: each allowed one is logged (a refusal is logged where it is
    answered, core.denials; an allowed act is its own audit entry)."""
    if not permissions.can_follow_procedures(user):
        raise PermissionDenied(
            "Drafts and procedures are open to CICA's delegations, observers and the Secretariat."
        )
    authorization_log.info("allowed %s to read the decision path", user.username)


def access_draft(user, draft_id: int) -> Draft:
    _check_can_follow(user)
    draft = (
        Draft.objects.select_related("proposer_state", "created_by")
        .prefetch_related(
            Prefetch("versions", queryset=Version.objects.order_by("number")),
            Prefetch("versions__procedures", queryset=_procedures()),
        )
        .filter(pk=draft_id)
        .first()
    )
    # Another state's draft not yet circulated is not found: its existence is its own.
    if draft is None or not permissions.can_see_draft(user, draft):
        raise NotFound(f"no draft {draft_id}", field="id")
    return draft


def access_version(user, version_id: int) -> Version:
    _check_can_follow(user)
    version = Version.objects.select_related("draft").filter(pk=version_id).first()
    if version is None or not permissions.can_see_draft(user, version.draft):
        raise NotFound(f"no version {version_id}", field="version")
    return version


def access_procedure(user, procedure_id: int) -> Procedure:
    """A procedure as the API gives it: with its discussion (with_discussion: its latest
    comments) and its states' codes (with_state_codes)."""
    procedure = _access(user, with_discussion(_procedures()), procedure_id)
    return with_state_codes([procedure])[0]


def access_procedure_page(user, procedure_id: int) -> Procedure:
    """A procedure as its page shows it: with its acts (with_acts) and its states, named; the
    page reads its comments a page at a time (list_comments), not the latest of with_discussion."""
    return _access(
        user,
        with_acts(_procedures()).prefetch_related("eligible_states", "present_states"),
        procedure_id,
    )


def procedure_to_act_on(user, procedure_id: int) -> Procedure:
    """A procedure an action is about to change, checked as access_procedure is but without its
    discussion or its states: a busy procedure's comments run to thousands, the actions re-read
    it under their lock and the permissions ask the database about the one state they check."""
    return _access(user, Procedure.objects.select_related("body"), procedure_id)


def _access(user, procedures: QuerySet[Procedure], procedure_id: int) -> Procedure:
    _check_can_follow(user)
    procedure = procedures.filter(pk=procedure_id).first()
    if procedure is None:
        raise NotFound(f"no procedure {procedure_id}", field="id")
    return procedure


def status_condition(status: str, now: dt.datetime) -> Q:
    """SQL for "the procedure is in `status` at `now`": rules.procedure_status as a filter."""
    status_, kind = Procedure.Status, Procedure.Kind
    running = Q(withdrawn_at__isnull=True)
    unbroken_silence = Q(kind=kind.SILENCE, silence_break__isnull=True)
    conditions: dict[str, Q] = {
        status_.WITHDRAWN: Q(withdrawn_at__isnull=False),
        status_.BROKEN: running & Q(kind=kind.SILENCE, silence_break__isnull=False),
        status_.OPEN: running
        & (Q(kind=kind.MEETING, outcome="") | unbroken_silence & Q(deadline__gt=now)),
        status_.ADOPTED: running
        & (
            Q(kind=kind.MEETING, outcome=Procedure.Outcome.ADOPTED)
            | unbroken_silence & Q(deadline__lte=now)
        ),
        status_.NOT_ADOPTED: running & Q(kind=kind.MEETING, outcome=Procedure.Outcome.NOT_ADOPTED),
    }
    if status not in conditions:
        raise InvalidInput(
            f"unknown status {status!r}; expected one of: {', '.join(conditions)}", field="status"
        )
    return conditions[status]


def list_procedures(user, *, status: str | None = None, state=None) -> QuerySet[Procedure]:
    """Procedures newest first; filtered by status now, or to those where `state` decides."""
    _check_can_follow(user)
    procedures = _procedures().order_by("-opened_at", "-pk")
    if status:
        procedures = procedures.filter(status_condition(status, clock.now()))
    if state is not None:
        procedures = procedures.filter(eligible_states=state)
    return procedures


def as_rows(procedures: QuerySet[Procedure]) -> QuerySet[Procedure]:
    """`procedures` as a table lists them (decisions/_procedure_table.html): each with its version,
    for its title, and its body's names; a workspace lists hundreds, and each relation more is
    a model built for every row."""
    return procedures.select_related(None).select_related("version")


def decided_by(procedures: QuerySet[Procedure], state) -> set[int]:
    """The ids of those of `procedures` in which `state` decides (is eligible), in one query."""
    return set(procedures.filter(eligible_states=state).values_list("pk", flat=True))


def list_due_unrecorded() -> QuerySet[Procedure]:
    """Silence procedures past their deadline, unbroken, unwithdrawn, with no decision yet."""
    return Procedure.objects.filter(
        kind=Procedure.Kind.SILENCE,
        deadline__lte=clock.now(),
        withdrawn_at__isnull=True,
        silence_break__isnull=True,
        decision__isnull=True,
    )


def list_decisions() -> QuerySet[Decision]:
    """Adopted decisions, recorded and historical, newest first: public."""
    return (
        Decision.objects.select_related("body", "version", "procedure")
        .prefetch_related("sources", "statements__state")
        .annotate(**registry.body_names_on(OuterRef("adopted_on"), "body"))
        .order_by("-adopted_on", "-pk")
    )


def get_decision(decision_id: int) -> Decision:
    decision = list_decisions().filter(pk=decision_id).first()
    if decision is None:
        raise NotFound(f"no decision {decision_id}", field="id")
    return decision


def list_audit(user, after: int = 0) -> QuerySet[AuditEntry]:
    """The record from entry `after` + 1 on, in order, for those who follow procedures."""
    _check_can_follow(user)
    return AuditEntry.objects.filter(seq__gt=after).order_by("seq")


def count_audit_after(after: int) -> int:
    """How many entries follow entry `after`: the chain numbers them 1, 2, 3... with no gap, so
    a long log is not counted row by row."""
    head = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    return max(0, head - after)
