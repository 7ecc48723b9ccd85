"""Identical writes at once, against a real server: N copies of one request, sent together by
threads behind a barrier, to every write route of the API and to every form of the pages.

SQLite runs one writer at a time; PostgreSQL's READ COMMITTED does not, so a rule an action
checks by reading first ("the draft is not already in an open procedure") holds there only
under a database constraint or a lock on the parent row. Each route answers as its rule says
(docs/reliability.md, "Identical writes at once"): one success and the rest refused (409, or
404 for what the first removed), or all succeed where several are allowed (comments, drafts,
activities); never a 500; and the data is what that many successes make (one procedure, one
decision, its effect applied once).

The server is pytest-django's live server (a thread per request, each with its own database
connection) on the suite's database: make test runs this on SQLite and on PostgreSQL. Loopback
only; N requests a route, each with a time limit. `-s` prints the figures.
"""

import datetime as dt
import http.client
import json
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from cica.accounts import actions as accounts
from cica.cbm import actions as cbm
from cica.cbm.models import (
    Activity,
    ActivityFile,
    Coordination,
    CoordinationOffer,
    ImplementationPlan,
    Measure,
    PlannedEvent,
    PriorityArea,
)
from cica.core import audit
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions import actions as decisions
from cica.decisions.models import (
    Comment,
    Decision,
    Extension,
    InterpretativeStatement,
    Objection,
    Procedure,
    SilenceBreak,
    Version,
)
from cica.documents import actions as documents
from cica.documents.models import Document, DocumentFile, TreatyAction
from cica.meetings import actions as meetings
from cica.meetings.models import AgendaItem, Delegation, Meeting
from cica.registry.models import Application, Body, State
from tests.conftest import with_two_factor
from tests.factories import MEETING_FORM

N = 8
SECONDS = 60  # the limit of each wait: a connection, the barrier, an answer
# The suite's "now" (tests/decisions/conftest.py): Azerbaijan chairs, Kazakhstan is a member.
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
CHAIR, MEMBER = "AZ", "KZ"


def one(success: int, refusal: int = 409) -> dict[int, int]:
    """One request succeeds; the others are refused."""
    return {success: 1, refusal: N - 1}


def every(success: int) -> dict[int, int]:
    """Each request succeeds: the route makes a new record each time."""
    return {success: N}


@dataclass(frozen=True)
class Race:
    """N copies of one request: who sends it, where, with what; what they must answer, and what
    they must leave (`kept(made)` counted after them must equal `keeps`)."""

    who: str
    method: str
    path: str
    make: Callable[[dict], dict]
    body: Callable[[dict], dict]
    answers: dict[int, int]
    kept: Callable[[dict], object]
    keeps: object


# ---- the objects a route acts on, made through the actions -----------------------------------


def _soc() -> Body:
    return Body.objects.get(key="soc")


def _state(code: str) -> State:
    return State.objects.get(code=code)


def _draft(cast: dict, title: str, kind: str = "statement", effect: dict | None = None) -> dict:
    draft = decisions.create_draft(
        acting_user=cast["officer"],
        kind=kind,
        title=title,
        text_en="The Member States welcome the race of identical writes.",
        effect=effect,
    )
    return {"draft": draft, "draft_id": draft.pk, "version": draft.versions.get()}


def _coordination_draft(cast: dict) -> dict:
    """A draft whose effect is seen in the registry: Kazakhstan coordinates finance."""
    effect = {"area": "finance", "state": MEMBER, "role": "coordinator"}
    return _draft(cast, "Kazakhstan coordinates finance", "assign_coordinator", effect)


def _silence(cast: dict) -> dict:
    made = _draft(cast, "A statement put to silence")
    procedure = decisions.open_silence_procedure(
        acting_user=cast["officer"], version=made["version"], body=_soc()
    )
    return {**made, "procedure": procedure, "procedure_id": procedure.pk}


def _meeting(cast: dict) -> dict:
    made = _draft(cast, "A statement put to a meeting")
    procedure = decisions.open_meeting_procedure(
        acting_user=cast["officer"], version=made["version"], body=_soc()
    )
    return {**made, "procedure": procedure, "procedure_id": procedure.pk}


def _present(made: dict) -> list[str]:
    return sorted(made["procedure"].eligible_states.values_list("code", flat=True))


def _decision(cast: dict) -> dict:
    made = _meeting(cast)
    decisions.record_meeting_outcome(
        acting_user=cast["officer"], procedure=made["procedure"], present=_present(made)
    )
    decision = Decision.objects.get(procedure=made["procedure"])
    return {**made, "decision": decision, "decision_id": decision.pk}


def _document(cast: dict, key: str, kind: str = "treaty") -> dict:
    document = documents.create_document(
        acting_user=cast["officer"],
        key=key,
        type=kind,
        title_en=f"Agreement {key}",
        status="adopted",
        date=dt.date(2020, 1, 1),
    )
    return {"document": document, "key": key}


def _treaty_action(cast: dict, key: str) -> dict:
    made = _document(cast, key)
    action = documents.record_treaty_action(
        acting_user=cast["officer"],
        document=made["document"],
        state=_state(MEMBER),
        kind="ratification",
        date=dt.date(2021, 1, 1),
    )
    return {**made, "action_id": action.pk}


def _document_file(cast: dict, key: str) -> dict:
    made = _document(cast, key)
    stored = documents.attach_file(
        acting_user=cast["officer"],
        document=made["document"],
        name="agreement.txt",
        content=f"The Parties to Agreement {key} ...".encode(),
        language="en",
    )
    return {**made, "file_id": stored.pk}


def _activity(cast: dict) -> dict:
    activity = cbm.record_activity(
        acting_user=cast["kz"],
        area=PriorityArea.objects.get(key="tourism"),
        kind="workshop",
        title="Workshop on cultural tourism",
        start_date=dt.date(2026, 10, 1),
        end_date=dt.date(2026, 10, 2),
        host_state=_state(MEMBER),
        summary="Experts met in Almaty.",
    )
    return {"activity": activity, "activity_id": activity.pk}


def _offer(cast: dict) -> dict:
    offer = cbm.offer_to_coordinate(
        acting_user=cast["kz"], area=PriorityArea.objects.get(key="sme"), role="co_coordinator"
    )
    return {"offer": offer, "offer_id": offer.pk}


def _plan(cast: dict, year: int) -> dict:
    return {"plan": cbm.record_plan(acting_user=cast["officer"], year=year), "year": year}


def _planned_meeting(cast: dict) -> dict:
    meeting = meetings.create_meeting(
        acting_user=cast["officer"],
        body=_soc(),
        title_en="Senior Officials Committee",
        kind="regular",
        start_date=dt.date(2027, 3, 10),
        end_date=dt.date(2027, 3, 11),
        city="Baku",
    )
    return {"meeting": meeting, "meeting_id": meeting.pk}


def _nothing(cast: dict) -> dict:
    return {}


# ---- what the writes left --------------------------------------------------------------------


def _entries(action: str, obj) -> int:
    """The audit entries of one kind about one object: one per change made."""
    return AuditEntry.objects.filter(
        action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).count()


def _adopted(made: dict) -> dict:
    """The procedures the draft was put to, then each adopted at its deadline: the decisions and
    the coordination terms their effects made."""
    procedures = list(Procedure.objects.filter(version__draft=made["draft"]))
    for procedure in procedures:
        with time_machine.travel(procedure.deadline + dt.timedelta(minutes=1)):
            decisions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM)
    return {
        "procedures": len(procedures),
        "decisions": Decision.objects.filter(procedure__in=procedures).count(),
        "terms": Coordination.objects.filter(decision__procedure__in=procedures).count(),
    }


ONE_ADOPTED = {"procedures": 1, "decisions": 1, "terms": 1}


def _activity_payload(**changes) -> dict:
    return {
        "area": "tourism",
        "title": "Workshop on cultural tourism routes",
        "kind": "workshop",
        "start_date": "2026-10-01",
        "end_date": "2026-10-02",
        "host_state": MEMBER,
        "participants": [],
        "summary": "Experts met in Almaty.",
        **changes,
    }


def _text(name: str, content: str) -> tuple[str, bytes]:
    return name, content.encode()


# ---- every write route of the API ------------------------------------------------------------

API = "/api/v1"
API_RACES: dict[str, Race] = {
    "PATCH /states/{code}": Race(
        "officer",
        "PATCH",
        "/states/VN",
        _nothing,
        lambda m: {"name_en": "Viet Nam", "name_ru": "Вьетнам"},
        every(200),
        lambda m: _entries("registry.rename_state", _state("VN")),
        N,
    ),
    "POST /drafts": Race(
        "officer",
        "POST",
        "/drafts",
        _nothing,
        lambda m: {"kind": "statement", "title": "Drafted N times", "text_en": "A text."},
        every(201),
        lambda m: Version.objects.filter(title="Drafted N times").count(),
        N,
    ),
    "POST /drafts/{draft_id}/versions": Race(
        "officer",
        "POST",
        "/drafts/{draft_id}/versions",
        lambda c: _draft(c, "A draft revised N times"),
        lambda m: {"text_en": "A revised text."},
        every(201),
        lambda m: sorted(m["draft"].versions.values_list("number", flat=True)),
        list(range(1, N + 2)),
    ),
    "POST /procedures": Race(
        "officer",
        "POST",
        "/procedures",
        _coordination_draft,
        lambda m: {"version": m["version"].pk, "kind": "silence", "body": "soc"},
        one(201),
        _adopted,
        ONE_ADOPTED,
    ),
    "POST /procedures/{procedure_id}/break": Race(
        "kz",
        "POST",
        "/procedures/{procedure_id}/break",
        _silence,
        lambda m: {"reason": "Not yet."},
        one(201),
        lambda m: SilenceBreak.objects.filter(procedure=m["procedure"]).count(),
        1,
    ),
    "POST /procedures/{procedure_id}/comments": Race(
        "kz",
        "POST",
        "/procedures/{procedure_id}/comments",
        _silence,
        lambda m: {"text": "A remark."},
        every(201),
        lambda m: Comment.objects.filter(procedure=m["procedure"]).count(),
        N,
    ),
    # The same later deadline N times: the first moves it; the others would not move it later.
    "POST /procedures/{procedure_id}/extend": Race(
        "chair",
        "POST",
        "/procedures/{procedure_id}/extend",
        _silence,
        lambda m: {"deadline": "2026-12-31T12:00:00+05:00"},
        one(200, 422),
        lambda m: Extension.objects.filter(procedure=m["procedure"]).count(),
        1,
    ),
    "POST /procedures/{procedure_id}/withdraw": Race(
        "officer",
        "POST",
        "/procedures/{procedure_id}/withdraw",
        _silence,
        lambda m: {},
        one(200),
        lambda m: _entries("decisions.withdraw", m["procedure"]),
        1,
    ),
    "POST /procedures/{procedure_id}/objections": Race(
        "kz",
        "POST",
        "/procedures/{procedure_id}/objections",
        _meeting,
        lambda m: {"reason": "Not yet."},
        one(201),
        lambda m: Objection.objects.filter(procedure=m["procedure"]).count(),
        1,
    ),
    "POST /procedures/{procedure_id}/outcome": Race(
        "officer",
        "POST",
        "/procedures/{procedure_id}/outcome",
        _meeting,
        lambda m: {"present": _present(m)},
        one(200),
        lambda m: (
            _entries("decisions.record_meeting_outcome", m["procedure"]),
            Decision.objects.filter(procedure=m["procedure"]).count(),
        ),
        (1, 1),
    ),
    "POST /states/{code}/applications": Race(
        "officer",
        "POST",
        "/states/GB/applications",
        _nothing,
        lambda m: {"kind": "observer", "date": "2026-11-20"},
        one(201),
        lambda m: Application.objects.filter(state__code="GB").count(),
        1,
    ),
    "POST /decisions/{decision_id}/statements": Race(
        "kz",
        "POST",
        "/decisions/{decision_id}/statements",
        _decision,
        lambda m: {"text": "Our reading."},
        every(201),
        lambda m: InterpretativeStatement.objects.filter(decision=m["decision"]).count(),
        N,
    ),
    "POST /documents": Race(
        "officer",
        "POST",
        "/documents",
        _nothing,
        lambda m: {"id": "race-new", "type": "political_declaration", "title_en": "A declaration"},
        one(201),
        lambda m: Document.objects.filter(key="race-new").count(),
        1,
    ),
    # The same change N times: made once, recorded once.
    "PATCH /documents/{key}": Race(
        "officer",
        "PATCH",
        "/documents/{key}",
        lambda c: _document(c, "race-patched"),
        lambda m: {"title_en": "The Agreement, retitled"},
        every(200),
        lambda m: _entries("documents.update", m["document"]),
        1,
    ),
    "POST /documents/{key}/actions": Race(
        "officer",
        "POST",
        "/documents/{key}/actions",
        lambda c: _document(c, "race-signed"),
        lambda m: {"state": MEMBER, "kind": "signature", "date": "2021-02-01"},
        one(201),
        lambda m: TreatyAction.objects.filter(document=m["document"]).count(),
        1,
    ),
    "DELETE /documents/{key}/actions/{action_id}": Race(
        "officer",
        "DELETE",
        "/documents/{key}/actions/{action_id}",
        lambda c: _treaty_action(c, "race-unratified"),
        lambda m: {},
        one(200, 404),
        lambda m: (
            TreatyAction.objects.filter(document=m["document"]).count(),
            AuditEntry.objects.filter(action="documents.remove_treaty_action").count(),
        ),
        (0, 1),
    ),
    "POST /documents/{key}/files": Race(
        "officer",
        "POST",
        "/documents/{key}/files",
        lambda c: _document(c, "race-filed"),
        lambda m: {"language": "en", "file": _text("text.txt", "The official text.")},
        one(201),
        lambda m: DocumentFile.objects.filter(document=m["document"]).count(),
        1,
    ),
    "DELETE /documents/{key}/files/{file_id}": Race(
        "officer",
        "DELETE",
        "/documents/{key}/files/{file_id}",
        lambda c: _document_file(c, "race-unfiled"),
        lambda m: {},
        one(204, 404),
        lambda m: (
            DocumentFile.objects.filter(document=m["document"]).count(),
            AuditEntry.objects.filter(
                action="documents.remove_file", payload__document="race-unfiled"
            ).count(),
        ),
        (0, 1),
    ),
    "POST /cbm/activities": Race(
        "kz",
        "POST",
        "/cbm/activities",
        _nothing,
        lambda m: _activity_payload(title="An activity recorded N times"),
        every(201),
        lambda m: Activity.objects.filter(title="An activity recorded N times").count(),
        N,
    ),
    # A correction is recorded each time, as one after the other would be.
    "PUT /cbm/activities/{activity_id}": Race(
        "kz",
        "PUT",
        "/cbm/activities/{activity_id}",
        _activity,
        lambda m: _activity_payload(summary="Experts met in Almaty and Astana."),
        every(200),
        lambda m: _entries("cbm.correct_activity", m["activity"]),
        N,
    ),
    "POST /cbm/activities/{activity_id}/validate": Race(
        "officer",
        "POST",
        "/cbm/activities/{activity_id}/validate",
        _activity,
        lambda m: {"note": "Report received."},
        one(200),
        lambda m: _entries("cbm.validate_activity", m["activity"]),
        1,
    ),
    "POST /cbm/activities/{activity_id}/return": Race(
        "officer",
        "POST",
        "/cbm/activities/{activity_id}/return",
        _activity,
        lambda m: {"note": "Give the dates."},
        one(200),
        lambda m: _entries("cbm.return_activity", m["activity"]),
        1,
    ),
    "POST /cbm/activities/{activity_id}/files": Race(
        "kz",
        "POST",
        "/cbm/activities/{activity_id}/files",
        _activity,
        lambda m: {"file": _text("report.txt", "The report of the workshop.")},
        one(201),
        lambda m: ActivityFile.objects.filter(activity=m["activity"]).count(),
        1,
    ),
    "POST /cbm/areas/{key}/offers": Race(
        "kz",
        "POST",
        "/cbm/areas/tourism/offers",
        _nothing,
        lambda m: {"role": "coordinator"},
        one(201),
        lambda m: CoordinationOffer.objects.filter(area__key="tourism", status="open").count(),
        1,
    ),
    "POST /cbm/offers/{offer_id}/withdraw": Race(
        "kz",
        "POST",
        "/cbm/offers/{offer_id}/withdraw",
        _offer,
        lambda m: {},
        one(200),
        lambda m: _entries("cbm.withdraw_offer", m["offer"]),
        1,
    ),
    "POST /cbm/plans": Race(
        "officer",
        "POST",
        "/cbm/plans",
        _nothing,
        lambda m: {"year": 2030},
        one(201),
        lambda m: ImplementationPlan.objects.filter(year=2030).count(),
        1,
    ),
    "POST /cbm/plans/{year}/events": Race(
        "officer",
        "POST",
        "/cbm/plans/{year}/events",
        lambda c: _plan(c, 2029),
        lambda m: {"area": "tourism", "title": "Seminar on tourism", "date": "2029-05-01"},
        every(201),
        lambda m: PlannedEvent.objects.filter(plan=m["plan"]).count(),
        N,
    ),
    "POST /cbm/areas/{key}/documents": Race(
        "officer",
        "POST",
        "/cbm/areas/agriculture/documents",
        lambda c: _document(c, "race-concept", "concept_paper"),
        lambda m: {"document": m["key"]},
        one(201),
        lambda m: (
            m["document"].cbm_areas.count(),
            AuditEntry.objects.filter(
                action="cbm.link_document", payload__document="race-concept"
            ).count(),
        ),
        (1, 1),
    ),
    "POST /cbm/areas/{key}/measures": Race(
        "officer",
        "POST",
        "/cbm/areas/tourism/measures",
        _nothing,
        lambda m: {"catalogue": "catalogue-2021", "number": "9.9.9", "text_en": "Exchanges."},
        one(201),
        lambda m: Measure.objects.filter(number="9.9.9").count(),
        1,
    ),
    # A term known from a source: the Secretariat may record several; none is refused.
    "POST /cbm/areas/{key}/coordinators": Race(
        "officer",
        "POST",
        "/cbm/areas/energy_security/coordinators",
        _nothing,
        lambda m: {
            "state": MEMBER,
            "role": "co_coordinator",
            "basis": "attested",
            "from": "2025-01-01",
        },
        every(201),
        lambda m: (
            Coordination.objects.filter(area__key="energy_security", state__code=MEMBER)
            .filter(valid_from=dt.date(2025, 1, 1))
            .count()
        ),
        N,
    ),
}


# ---- every form of the pages that writes -----------------------------------------------------

DOCUMENT_FORM = {
    "type": "treaty",
    "title_en": "An agreement",
    "title_ru": "",
    "status": "adopted",
    "date": "2020-01-01",
    "place": "Almaty",
    "body": "",
    "symbol": "",
    "text_en": "",
    "text_ru": "",
}

PAGE_RACES: dict[str, Race] = {
    "POST /en/states/{code}/names/": Race(
        "officer",
        "POST",
        "/en/states/VN/names/",
        _nothing,
        lambda m: {"name_en": "Viet Nam", "name_ru": "Вьетнам"},
        every(302),
        lambda m: _entries("registry.rename_state", _state("VN")),
        N,
    ),
    "POST /en/states/{code}/applications/": Race(
        "officer",
        "POST",
        "/en/states/GH/applications/",
        _nothing,
        lambda m: {"kind": "observer", "date": "2026-11-20", "note": "", "sources": ""},
        one(302),
        lambda m: Application.objects.filter(state__code="GH").count(),
        1,
    ),
    "POST /en/drafts/new/": Race(
        "officer",
        "POST",
        "/en/drafts/new/",
        _nothing,
        lambda m: {"kind": "statement", "title": "Drafted N times on the page", "text_en": "T"},
        every(302),
        lambda m: Version.objects.filter(title="Drafted N times on the page").count(),
        N,
    ),
    "POST /en/drafts/{draft_id}/ add a version": Race(
        "officer",
        "POST",
        "/en/drafts/{draft_id}/",
        lambda c: _draft(c, "A draft revised N times on the page"),
        lambda m: {
            "add_version": "1",
            "title": "A draft revised",
            "text_en": "A revised text",
            "text_ru": "",
        },
        every(302),
        lambda m: sorted(m["draft"].versions.values_list("number", flat=True)),
        list(range(1, N + 2)),
    ),
    "POST /en/drafts/{draft_id}/ open a procedure": Race(
        "officer",
        "POST",
        "/en/drafts/{draft_id}/",
        lambda c: _draft(c, "A draft put to silence on the page"),
        lambda m: {"kind": "silence", "body": "soc", "deadline": ""},
        one(302),
        lambda m: Procedure.objects.filter(version__draft=m["draft"]).count(),
        1,
    ),
    "POST /en/procedures/{procedure_id}/break/": Race(
        "kz",
        "POST",
        "/en/procedures/{procedure_id}/break/",
        _silence,
        lambda m: {"reason": "Not yet.", "confirmed": "True"},
        one(302),
        lambda m: SilenceBreak.objects.filter(procedure=m["procedure"]).count(),
        1,
    ),
    "POST /en/procedures/{procedure_id}/comment/": Race(
        "kz",
        "POST",
        "/en/procedures/{procedure_id}/comment/",
        _silence,
        lambda m: {"text": "A remark."},
        every(302),
        lambda m: Comment.objects.filter(procedure=m["procedure"]).count(),
        N,
    ),
    "POST /en/procedures/{procedure_id}/extend/": Race(
        "chair",
        "POST",
        "/en/procedures/{procedure_id}/extend/",
        _silence,
        lambda m: {"deadline": "2026-12-31T12:00"},
        one(302, 422),
        lambda m: Extension.objects.filter(procedure=m["procedure"]).count(),
        1,
    ),
    "POST /en/procedures/{procedure_id}/withdraw/": Race(
        "officer",
        "POST",
        "/en/procedures/{procedure_id}/withdraw/",
        _silence,
        lambda m: {},
        one(302),
        lambda m: _entries("decisions.withdraw", m["procedure"]),
        1,
    ),
    "POST /en/procedures/{procedure_id}/object/": Race(
        "kz",
        "POST",
        "/en/procedures/{procedure_id}/object/",
        _meeting,
        lambda m: {"reason": "Not yet."},
        one(302),
        lambda m: Objection.objects.filter(procedure=m["procedure"]).count(),
        1,
    ),
    "POST /en/procedures/{procedure_id}/outcome/": Race(
        "officer",
        "POST",
        "/en/procedures/{procedure_id}/outcome/",
        _meeting,
        lambda m: {"present": _present(m)},
        one(302),
        lambda m: Decision.objects.filter(procedure=m["procedure"]).count(),
        1,
    ),
    "POST /en/decisions/{decision_id}/": Race(
        "kz",
        "POST",
        "/en/decisions/{decision_id}/",
        _decision,
        lambda m: {"text": "Our reading."},
        every(302),
        lambda m: InterpretativeStatement.objects.filter(decision=m["decision"]).count(),
        N,
    ),
    "POST /en/meetings/new/": Race(
        "officer",
        "POST",
        "/en/meetings/new/",
        _nothing,
        lambda m: {**MEETING_FORM, "title_en": "A meeting planned N times"},
        every(302),
        lambda m: Meeting.objects.filter(title_en="A meeting planned N times").count(),
        N,
    ),
    "POST /en/meetings/{meeting_id}/edit/": Race(
        "officer",
        "POST",
        "/en/meetings/{meeting_id}/edit/",
        _planned_meeting,
        lambda m: {**MEETING_FORM, "city": "Astana"},
        every(302),
        lambda m: _entries("meetings.update", m["meeting"]),
        N,
    ),
    "POST /en/meetings/{meeting_id}/cancel/": Race(
        "officer",
        "POST",
        "/en/meetings/{meeting_id}/cancel/",
        _planned_meeting,
        lambda m: {"reason": "postponed"},
        every(302),  # the page shows the refusal after the redirect
        lambda m: _entries("meetings.cancel", m["meeting"]),
        1,
    ),
    # A second record of a delegation replaces the first.
    "POST /en/meetings/{meeting_id}/delegation/": Race(
        "officer",
        "POST",
        "/en/meetings/{meeting_id}/delegation/",
        _planned_meeting,
        lambda m: {"state": MEMBER, "level": "minister", "head": "The Minister"},
        every(302),
        lambda m: Delegation.objects.filter(meeting=m["meeting"]).count(),
        1,
    ),
    "POST /en/meetings/{meeting_id}/agenda/": Race(
        "officer",
        "POST",
        "/en/meetings/{meeting_id}/agenda/",
        _planned_meeting,
        lambda m: {"title": "Any other business", "version": ""},
        every(302),
        lambda m: sorted(
            AgendaItem.objects.filter(meeting=m["meeting"]).values_list("position", flat=True)
        ),
        list(range(1, N + 1)),
    ),
    # An item that puts a version to the meeting: the draft is then before it, once.
    "POST /en/meetings/{meeting_id}/agenda/ putting a version": Race(
        "officer",
        "POST",
        "/en/meetings/{meeting_id}/agenda/",
        lambda c: {**_planned_meeting(c), **_draft(c, "A draft put on an agenda")},
        lambda m: {"title": "A statement", "version": m["version"].pk},
        every(302),
        lambda m: (
            AgendaItem.objects.filter(meeting=m["meeting"]).count(),
            Procedure.objects.filter(version__draft=m["draft"]).count(),
        ),
        (1, 1),
    ),
    "POST /en/documents/new/": Race(
        "officer",
        "POST",
        "/en/documents/new/",
        _nothing,
        lambda m: {**DOCUMENT_FORM, "key": "race-page-new"},
        one(302),
        lambda m: Document.objects.filter(key="race-page-new").count(),
        1,
    ),
    "POST /en/documents/{key}/edit/": Race(
        "officer",
        "POST",
        "/en/documents/{key}/edit/",
        lambda c: _document(c, "race-page-edited"),
        lambda m: {**DOCUMENT_FORM, "title_en": "Agreement race-page-edited"},
        every(302),
        lambda m: _entries("documents.update", m["document"]),
        1,
    ),
    "POST /en/documents/{key}/action/": Race(
        "officer",
        "POST",
        "/en/documents/{key}/action/",
        lambda c: _document(c, "race-page-signed"),
        lambda m: {"state": MEMBER, "kind": "signature", "date": "2021-02-01"},
        every(302),  # the page shows the refusal after the redirect
        lambda m: TreatyAction.objects.filter(document=m["document"]).count(),
        1,
    ),
    "POST /en/documents/{key}/file/": Race(
        "officer",
        "POST",
        "/en/documents/{key}/file/",
        lambda c: _document(c, "race-page-filed"),
        lambda m: {"language": "ru", "file": _text("text.txt", "Официальный текст.")},
        every(302),
        lambda m: DocumentFile.objects.filter(document=m["document"]).count(),
        1,
    ),
    "POST /en/documents/{key}/remove-file/": Race(
        "officer",
        "POST",
        "/en/documents/{key}/remove-file/",
        lambda c: _document_file(c, "race-page-unfiled"),
        lambda m: {"file": m["file_id"]},
        one(302, 404),
        lambda m: (
            DocumentFile.objects.filter(document=m["document"]).count(),
            AuditEntry.objects.filter(
                action="documents.remove_file", payload__document="race-page-unfiled"
            ).count(),
        ),
        (0, 1),
    ),
    "POST /en/cbm/areas/{key}/offer/": Race(
        "kz",
        "POST",
        "/en/cbm/areas/human/offer/",
        _nothing,
        lambda m: {"role": "coordinator", "note": ""},
        every(302),
        lambda m: CoordinationOffer.objects.filter(area__key="human", status="open").count(),
        1,
    ),
    "POST /en/cbm/activities/new/": Race(
        "kz",
        "POST",
        "/en/cbm/activities/new/",
        _nothing,
        lambda m: {
            "area": "tourism",
            "kind": "workshop",
            "title": "An activity recorded N times on the page",
            "start_date": "2026-10-01",
            "host_state": MEMBER,
        },
        every(302),
        lambda m: Activity.objects.filter(title="An activity recorded N times on the page").count(),
        N,
    ),
    "POST /en/cbm/activities/{activity_id}/attach/": Race(
        "kz",
        "POST",
        "/en/cbm/activities/{activity_id}/attach/",
        _activity,
        lambda m: {"file": _text("programme.txt", "The programme of the workshop.")},
        every(302),
        lambda m: ActivityFile.objects.filter(activity=m["activity"]).count(),
        1,
    ),
    "POST /en/cbm/activities/{activity_id}/validate/": Race(
        "officer",
        "POST",
        "/en/cbm/activities/{activity_id}/validate/",
        _activity,
        lambda m: {"note": "Report received."},
        every(302),
        lambda m: _entries("cbm.validate_activity", m["activity"]),
        1,
    ),
    "POST /en/cbm/activities/{activity_id}/return/": Race(
        "officer",
        "POST",
        "/en/cbm/activities/{activity_id}/return/",
        _activity,
        lambda m: {"note": "Give the dates."},
        every(302),
        lambda m: _entries("cbm.return_activity", m["activity"]),
        1,
    ),
}


# ---- the cast, the server, the requests ------------------------------------------------------


@pytest.fixture
def cast(committed_reference):
    """Committed accounts the server's threads can see, at the suite's "now"."""
    with time_machine.travel(NOW, tick=True):

        def user(username: str, role: str, **affiliation):
            return with_two_factor(
                accounts.create_user(
                    acting_user=SYSTEM, username=username, role=role, **affiliation
                )
            )

        yield {
            "officer": user("race-officer", "secretariat"),
            "chair": user("race-chair", "delegate", state_code=CHAIR),
            "kz": user("race-kz", "delegate", state_code=MEMBER),
        }


def _api_headers(user) -> dict[str, str]:
    token = accounts.issue_api_token(acting_user=SYSTEM, user=user, name="races")
    return {"Authorization": f"Bearer {token}"}


def _page_headers(user) -> dict[str, str]:
    """A signed-in session and a CSRF token, as a browser sends them with a form."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    token = "race" * 8  # any 32 characters of the token's alphabet, in the cookie and the form
    return {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={token}",
        "X-CSRFToken": token,
    }


def _encode(race: Race, made: dict, page: bool) -> tuple[bytes, str]:
    """The request's body and its type: JSON for the API, a form for the pages; multipart when
    it carries a file."""
    body = race.body(made)
    if any(isinstance(value, tuple) for value in body.values()):
        files = {}
        for name, value in body.items():
            if isinstance(value, tuple):
                upload = _Upload(*value)
                files[name] = upload
            else:
                files[name] = value
        return encode_multipart(BOUNDARY, files), MULTIPART_CONTENT
    if page:
        return urlencode(body, doseq=True).encode(), "application/x-www-form-urlencoded"
    return json.dumps(body).encode(), "application/json"


class _Upload:
    """A file for encode_multipart: a name and a read()."""

    def __init__(self, name: str, content: bytes):
        self.name, self._content = name, content

    def read(self) -> bytes:
        return self._content


def _fire(url: str, method: str, path: str, headers: dict, body: bytes) -> list[int]:
    """N copies of the request at once: each thread connects, waits for all, then sends."""
    where = urlsplit(url)
    barrier = threading.Barrier(N, timeout=SECONDS)
    statuses: list[int] = [0] * N

    def send(i: int) -> None:
        connection = http.client.HTTPConnection(where.hostname, where.port, timeout=SECONDS)
        try:
            connection.connect()
            barrier.wait()
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            response.read()
            statuses[i] = response.status
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,), daemon=True) for i in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=3 * SECONDS)
    return statuses


def _run(races: dict[str, Race], url: str, cast: dict, prefix: str, page: bool):
    """Each race in turn: what it answered and what it left, and what it should have."""
    headers = {who: (_page_headers if page else _api_headers)(user) for who, user in cast.items()}
    found, expected = {}, {}
    for route, race in races.items():
        made = race.make(cast)
        body, content_type = _encode(race, made, page)
        path = prefix + race.path.format(**made)
        sent = {**headers[race.who], "Content-Type": content_type}
        statuses = _fire(url, race.method, path, sent, body)
        found[route] = (dict(Counter(statuses)), race.kept(made))
        expected[route] = (race.answers, race.keeps)
    _print(found, expected)
    return found, expected


def _print(found: dict, expected: dict) -> None:
    """The figures of docs/reliability.md (shown with -s)."""
    print(f"\n{N} identical writes at once on {settings.DATABASES['default']['ENGINE']}:")
    for route, (answers, kept) in found.items():
        successes = sum(n for status, n in answers.items() if status < 400)
        refused = {status: n for status, n in answers.items() if status >= 400}
        print(f"  {route}: {successes} succeeded, refused {refused}; left {kept}", end="")
        print("" if kept == expected[route][1] else f" (not {expected[route][1]})")


def test_identical_writes_to_the_api_at_once_succeed_once_or_every_time(live_server, cast):
    # when
    found, expected = _run(API_RACES, live_server.url, cast, API, page=False)

    # then
    assert found == expected
    assert audit.verify_chain().ok


def test_identical_forms_posted_at_once_succeed_once_or_every_time(live_server, cast):
    # when
    found, expected = _run(PAGE_RACES, live_server.url, cast, "", page=True)

    # then
    assert found == expected
    assert audit.verify_chain().ok


def test_every_write_route_of_the_api_races():
    from tests.authz.test_rule_table import _api_operations

    writes = {op for op in _api_operations() if not op.startswith("GET ")}

    assert writes == {route.replace(" /", f" {API}/", 1) for route in API_RACES}
