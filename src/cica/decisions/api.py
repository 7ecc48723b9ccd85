"""The decisions API: drafts, procedures, decisions and the public record."""

import datetime as dt
import difflib
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from cica.accounts.auth import api_auth
from cica.core import anchors, clock
from cica.core.api import READ_ERRORS, WRITE_ERRORS, AuthenticatedRequest, PageIn, PageOut, paginate
from cica.core.conditional import RECORD, conditional
from cica.core.dates import IsoDate
from cica.core.errors import NotFound
from cica.decisions import actions, competence, queries, redaction
from cica.decisions.models import Procedure
from cica.decisions.schemas import (
    ApplicationIn,
    ApplicationOut,
    AuditEntryOut,
    BreakIn,
    BreakOut,
    CommentIn,
    CommentOut,
    CompetenceOut,
    DecisionOut,
    DiffOut,
    DraftCreatedOut,
    DraftIn,
    DraftOut,
    ExtendIn,
    ObjectionIn,
    ObjectionOut,
    OutcomeIn,
    ProcedureIn,
    ProcedureOut,
    StatementIn,
    StatementOut,
    VersionIn,
    VersionRefOut,
)
from cica.registry import queries as registry

router = Router(tags=["decisions"])
PRIVATE_READ_ERRORS = {**READ_ERRORS, 401: WRITE_ERRORS[401], 403: WRITE_ERRORS[403]}


class ProceduresPage(PageOut):
    items: list[ProcedureOut]


class CommentsPage(PageOut):
    items: list[CommentOut]


class DecisionsPage(PageOut):
    items: list[DecisionOut]


class AuditPage(PageOut):
    items: list[AuditEntryOut]


class SignedHeadOut(Schema):
    seq: int
    hash: str
    at: dt.datetime
    key_id: str
    signature: str = Field(description="Ed25519, base64, over the canonical JSON of at, hash, seq")


class SignedHeadsPage(PageOut):
    public_key: str | None = Field(description="the PEM public key that signs the heads")
    key_id: str | None
    items: list[SignedHeadOut]


@router.post("/drafts", auth=api_auth, response={201: DraftCreatedOut, **WRITE_ERRORS})
def create_draft(request: AuthenticatedRequest, payload: DraftIn):
    """Propose a draft; its first version is created with it."""
    draft = actions.create_draft(acting_user=request.auth, **payload.dict())
    return Status(201, {"id": draft.pk, "version": draft.versions.get()})


@router.get("/drafts/{draft_id}", auth=api_auth, response={200: DraftOut, **PRIVATE_READ_ERRORS})
def get_draft(request: AuthenticatedRequest, draft_id: int):
    """A draft with all its versions and the procedures they were put to."""
    return queries.access_draft(request.auth, draft_id)


@router.post(
    "/drafts/{draft_id}/versions", auth=api_auth, response={201: VersionRefOut, **WRITE_ERRORS}
)
def add_version(request: AuthenticatedRequest, draft_id: int, payload: VersionIn):
    """A revised text; earlier versions never change."""
    draft = queries.access_draft(request.auth, draft_id)
    return Status(201, actions.add_version(acting_user=request.auth, draft=draft, **payload.dict()))


@router.get(
    "/drafts/{draft_id}/diff", auth=api_auth, response={200: DiffOut, **PRIVATE_READ_ERRORS}
)
def diff_versions(
    request: AuthenticatedRequest,
    draft_id: int,
    from_version: int,
    to_version: int,
    language: Literal["en", "ru"] = "en",
):
    """A unified diff between two versions' texts, in English or Russian."""
    versions = {v.number: v for v in queries.access_draft(request.auth, draft_id).versions.all()}
    for field, number in (("from_version", from_version), ("to_version", to_version)):
        if number not in versions:
            raise NotFound(f"no version {number} of draft {draft_id}", field=field)
    old, new = versions[from_version], versions[to_version]
    text = difflib.unified_diff(
        getattr(old, f"text_{language}").splitlines(),
        getattr(new, f"text_{language}").splitlines(),
        fromfile=f"version {from_version}",
        tofile=f"version {to_version}",
        lineterm="",
    )
    return {
        "language": language,
        "from_version": from_version,
        "to_version": to_version,
        "diff": "\n".join(text),
    }


@router.post("/procedures", auth=api_auth, response={201: ProcedureOut, **WRITE_ERRORS})
def open_procedure(request: AuthenticatedRequest, payload: ProcedureIn):
    """Put a version to a silence procedure, or to a meeting."""
    version = queries.access_version(request.auth, payload.version)
    body = registry.get_body_by_key(payload.body)
    if payload.kind == Procedure.Kind.SILENCE:
        procedure = actions.open_silence_procedure(
            acting_user=request.auth, version=version, body=body, deadline=payload.deadline
        )
    else:  # a meeting: the schema admits no other kind
        procedure = actions.open_meeting_procedure(
            acting_user=request.auth, version=version, body=body, meeting_date=payload.meeting_date
        )
    return Status(201, queries.access_procedure(request.auth, procedure.pk))


@router.get("/procedures", auth=api_auth, response={200: ProceduresPage, **PRIVATE_READ_ERRORS})
def list_procedures(
    request: AuthenticatedRequest,
    page: Query[PageIn],
    status: Literal[tuple(Procedure.Status.values)] | None = None,  # type: ignore[valid-type]
):
    """Procedures, newest first; `status` filters on the status now."""
    procedures = queries.with_discussion(queries.list_procedures(request.auth, status=status))
    result = paginate(procedures, page)
    queries.with_state_codes(result["items"])
    return result


@router.get(
    "/procedures/{procedure_id}", auth=api_auth, response={200: ProcedureOut, **PRIVATE_READ_ERRORS}
)
def get_procedure(request: AuthenticatedRequest, procedure_id: int):
    """A procedure: its status now, deadline, eligible states, breaks and comments."""
    return queries.access_procedure(request.auth, procedure_id)


@router.post(
    "/procedures/{procedure_id}/break", auth=api_auth, response={201: BreakOut, **WRITE_ERRORS}
)
def break_silence(request: AuthenticatedRequest, procedure_id: int, payload: BreakIn):
    """Break silence for your state, before the deadline; the answer is your receipt."""
    procedure = queries.procedure_to_act_on(request.auth, procedure_id)
    return Status(
        201, actions.break_silence(acting_user=request.auth, procedure=procedure, **payload.dict())
    )


@router.post(
    "/procedures/{procedure_id}/comments",
    auth=api_auth,
    response={201: CommentOut, **WRITE_ERRORS},
)
def comment(request: AuthenticatedRequest, procedure_id: int, payload: CommentIn):
    procedure = queries.procedure_to_act_on(request.auth, procedure_id)
    return Status(
        201, actions.comment(acting_user=request.auth, procedure=procedure, text=payload.text)
    )


@router.get(
    "/procedures/{procedure_id}/comments",
    auth=api_auth,
    response={200: CommentsPage, **PRIVATE_READ_ERRORS},
)
def list_comments(request: AuthenticatedRequest, procedure_id: int, page: Query[PageIn]):
    """A procedure's comments, newest first: all of them, page by page (the procedure itself
    gives only its latest)."""
    procedure = queries.procedure_to_act_on(request.auth, procedure_id)
    return paginate(queries.list_comments(procedure), page)


@router.post(
    "/procedures/{procedure_id}/extend", auth=api_auth, response={200: ProcedureOut, **WRITE_ERRORS}
)
def extend(request: AuthenticatedRequest, procedure_id: int, payload: ExtendIn):
    """Move the deadline later: the Chair's act. The Secretariat extends only for the Chair,
    giving `chair_instruction` (the reference and date of the Chair's instruction), which the
    record keeps; without it the answer is 403."""
    procedure = queries.procedure_to_act_on(request.auth, procedure_id)
    actions.extend_deadline(
        acting_user=request.auth,
        procedure=procedure,
        deadline=payload.deadline,
        chair_instruction=payload.chair_instruction,
    )
    return queries.access_procedure(request.auth, procedure_id)


@router.post(
    "/procedures/{procedure_id}/withdraw",
    auth=api_auth,
    response={200: ProcedureOut, **WRITE_ERRORS},
)
def withdraw(request: AuthenticatedRequest, procedure_id: int):
    procedure = queries.procedure_to_act_on(request.auth, procedure_id)
    actions.withdraw_procedure(acting_user=request.auth, procedure=procedure)
    return queries.access_procedure(request.auth, procedure_id)


@router.post(
    "/procedures/{procedure_id}/objections",
    auth=api_auth,
    response={201: ObjectionOut, **WRITE_ERRORS},
)
def object_at_meeting(request: AuthenticatedRequest, procedure_id: int, payload: ObjectionIn):
    """Your state's objection to a version put to a meeting."""
    procedure = queries.procedure_to_act_on(request.auth, procedure_id)
    return Status(
        201,
        actions.object_at_meeting(
            acting_user=request.auth, procedure=procedure, reason=payload.reason
        ),
    )


@router.post(
    "/procedures/{procedure_id}/outcome",
    auth=api_auth,
    response={200: ProcedureOut, **WRITE_ERRORS},
)
def record_outcome(request: AuthenticatedRequest, procedure_id: int, payload: OutcomeIn):
    """The chair records the meeting's outcome with the states present and objecting."""
    procedure = queries.procedure_to_act_on(request.auth, procedure_id)
    actions.record_meeting_outcome(
        acting_user=request.auth,
        procedure=procedure,
        present=payload.present,
        objecting=payload.objecting,
    )
    return queries.access_procedure(request.auth, procedure_id)


@router.get("/decisions", response={200: DecisionsPage, **READ_ERRORS})
@conditional(reads=RECORD)
def list_decisions(request: HttpRequest, page: Query[PageIn]):
    """Adopted decisions, newest first, with their effects and version hashes."""
    return paginate(queries.list_decisions(), page)


@router.get("/decisions/competence", response={200: CompetenceOut, **READ_ERRORS})
@conditional(reads=RECORD)
def get_competence(
    request: HttpRequest,
    as_of: IsoDate | None = Query(
        None, description="the date (YYYY-MM-DD) to mark the rules in force on; today if omitted"
    ),
):
    """Which body may adopt which kind of decision, on which dates, after which steps: the rule
    table the actions enforce when a draft is put to a body, with its sources; and the cited
    precedents that depart from it (never a power)."""
    on = as_of or clock.today()
    return competence.table(on)


@router.post(
    "/states/{code}/applications", auth=api_auth, response={201: ApplicationOut, **WRITE_ERRORS}
)
def record_application(request: AuthenticatedRequest, code: str, payload: ApplicationIn):
    """Record a state's application for membership or observer status (the Secretariat): the
    first step of admission. The state's `workflow` (GET /states/{code}) shows where it stands."""
    state = registry.get_state_by_code(code, field="code", error=NotFound)
    return Status(
        201, actions.record_application(acting_user=request.auth, state=state, **payload.dict())
    )


@router.get("/decisions/{decision_id}", response={200: DecisionOut, **READ_ERRORS})
@conditional(reads=RECORD)
def get_decision(request: HttpRequest, decision_id: int):
    return queries.get_decision(decision_id)


@router.post(
    "/decisions/{decision_id}/statements",
    auth=api_auth,
    response={201: StatementOut, **WRITE_ERRORS},
)
def add_statement(request: AuthenticatedRequest, decision_id: int, payload: StatementIn):
    """Attach your state's interpretative statement; it does not block the decision."""
    decision = queries.get_decision(decision_id)
    return Status(
        201,
        actions.add_interpretative_statement(
            acting_user=request.auth, decision=decision, text=payload.text
        ),
    )


@router.get("/audit", auth=api_auth, response={200: AuditPage, **PRIVATE_READ_ERRORS})
def list_audit(request: AuthenticatedRequest, page: Query[PageIn], after: int = Query(0, ge=0)):
    """The hash-chained record, from entry `after` + 1: recompute each hash to check it.

    For CICA's delegations, observers and the Secretariat: it holds their deliberations. What
    the reader may not see of an entry is withheld (`withheld`, `redacted`): the details of what
    is another state's, now or when it was written (a draft before it circulates, the note
    returning a CBM activity), and the username of an account of another state or organization
    (its role and party are shown).
    """
    entries = queries.list_audit(request.auth, after)
    found = paginate(entries, page, count=queries.count_audit_after(after))
    found["items"] = redaction.redact(request.auth, found["items"])
    return found


@router.get(
    "/audit/heads",
    response={200: SignedHeadsPage, **READ_ERRORS},
    url_name="signed_heads",
)
def list_signed_heads(request: HttpRequest, page: Query[PageIn]):
    """The audit chain's heads signed by the Secretariat, the newest first, with the public key.

    Public, as they hold no content: keep a copy, and `cica audit verify --heads COPY` later
    proves that the record was not rewritten since.
    """
    return {**anchors.publication(), **paginate(anchors.list_heads(), page)}
