"""The rule table of docs/authorization.md, cell by cell, and every route in it.

The table is parsed, not copied: each cell becomes a test that builds the row's object in its
state, sends a valid request as the column's role and asserts the cell's status. Changing a cell
or the code it describes makes a test fail; so does a route of the URL resolver without a row.
"""

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import translation

from cica.accounts import actions as accounts
from cica.accounts.models import ApiToken, User
from cica.api import api
from cica.cbm import actions as cbm
from cica.cbm.models import PriorityArea
from cica.core import clock
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions import actions as decisions
from cica.decisions.models import Decision
from cica.documents import actions as documents
from cica.meetings import actions as meetings
from cica.registry.models import Body, State
from tests import factories
from tests.authz.cast import ROLES, STATE_A, STATE_B, delegate_of, make_user
from tests.conftest import bearer_client, second_factor_step

DOC = Path(__file__).resolve().parents[2] / "docs" / "authorization.md"
HEADER = ["Route", "Method", "Object state", *ROLES]
STATUSES = {200, 201, 204, 302, 401, 403, 404, 409, 422}
NO_STATE = "—"


@dataclass(frozen=True)
class Row:
    """One row of the rule table: a route (and the act of its form, if it has several), a
    method, the state of the object, and the status each role gets."""

    path: str
    act: str
    method: str
    state: str
    expected: tuple[tuple[str, int], ...]

    @property
    def route(self) -> str:
        return f"{self.path} {self.act}" if self.act else self.path

    @property
    def key(self) -> str:
        return f"{self.method} {self.route}"

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")

    def cell_id(self, role: str) -> str:
        state = f" [{self.state}]" if self.state else ""
        return f"{self.key}{state} {role}"


def parse_rule_table(text: str) -> list[Row]:
    """The rows of the one table whose header is HEADER; a malformed row is an error."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if _cells(line) == HEADER]
    if len(starts) != 1:
        raise ValueError(f"expected one rule table with the header {HEADER}, found {len(starts)}")
    rows = []
    for line in lines[starts[0] + 2 :]:
        if not line.startswith("|"):
            break
        cells = _cells(line)
        if len(cells) != len(HEADER):
            raise ValueError(f"{len(cells)} cells instead of {len(HEADER)}: {line}")
        route, method, state, *statuses = cells
        found = re.fullmatch(r"`([^`]+)`\s*(.*)", route)
        if found is None or method not in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
            raise ValueError(f"a row names a route in backquotes and a method: {line}")
        if not all(status.isdigit() and int(status) in STATUSES for status in statuses):
            raise ValueError(f"a cell is not one of the statuses {sorted(STATUSES)}: {line}")
        rows.append(
            Row(
                path=found.group(1),
                act=found.group(2).strip(),
                method=method,
                state="" if state == NO_STATE else state,
                expected=tuple(zip(ROLES, (int(status) for status in statuses), strict=True)),
            )
        )
    twice = [name for name, count in Counter(row.cell_id("") for row in rows).items() if count > 1]
    if twice:
        raise ValueError(f"rows given twice: {twice}")
    return rows


def _cells(line: str) -> list[str]:
    if not line.startswith("|"):
        return []
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


ROWS = parse_rule_table(DOC.read_text(encoding="utf-8"))


# ---- the objects of each state ---------------------------------------------------------------


class World:
    """The owners of a row's objects (never the account of the column), the clock, and the
    column's account (for what is its own: its API tokens)."""

    def __init__(self, traveller, account: User | None = None):
        self.traveller, self.account = traveller, account
        self._owners: dict[str, User] = {}

    def owner(self, who: str) -> User:
        """An account that makes objects: "secretariat", "chair", or a state's code."""
        if who not in self._owners:
            if who == "secretariat":
                user = make_user("secretariat", "owner-officer")
            elif who == "chair":
                user = make_user("chair", "owner-chair")
            else:
                user = delegate_of(who, f"owner-{who.lower()}")
            self._owners[who] = user
        return self._owners[who]


def _soc() -> Body:
    return Body.objects.get(key="soc")


def _days_ago(days: int) -> dt.date:
    return clock.today() - dt.timedelta(days=days)


def _draft(world: World, proposer: str) -> dict:
    author = world.owner(proposer)
    draft = decisions.create_draft(
        acting_user=author,
        kind="statement",
        title=f"Statement proposed by {proposer}",
        text_en="The Member States welcome ...",
        text_ru="Государства-члены приветствуют ...",
    )
    version = decisions.add_version(
        acting_user=author, draft=draft, text_en="The Member States warmly welcome ..."
    )
    return {"draft": draft, "draft_id": draft.pk, "version": version}


def _circulated(world: World, proposer: str) -> dict:
    made = _draft(world, proposer)
    decisions.open_silence_procedure(
        acting_user=world.owner("secretariat"), version=made["version"], body=_soc()
    )
    return made


def _silence(world: World, opener: str = "secretariat") -> dict:
    version = _draft(world, "secretariat")["version"]
    procedure = decisions.open_silence_procedure(
        acting_user=world.owner(opener), version=version, body=_soc()
    )
    return {"procedure": procedure, "procedure_id": procedure.pk}


def _broken(world: World) -> dict:
    made = _silence(world)
    decisions.break_silence(
        acting_user=world.owner(STATE_B), procedure=made["procedure"], reason="Not yet."
    )
    return made


def _adopted(world: World) -> dict:
    made = _silence(world)
    world.traveller.shift(dt.timedelta(weeks=3))
    decision = decisions.record_adoption(procedure_id=made["procedure_id"], acting_user=SYSTEM)
    return {**made, "decision": decision, "decision_id": decision.pk}


def _withdrawn(world: World) -> dict:
    made = _silence(world)
    decisions.withdraw_procedure(
        acting_user=world.owner("secretariat"), procedure=made["procedure"]
    )
    return made


def _meeting_procedure(world: World) -> dict:
    version = _draft(world, "secretariat")["version"]
    procedure = decisions.open_meeting_procedure(
        acting_user=world.owner("secretariat"), version=version, body=_soc()
    )
    return {"procedure": procedure, "procedure_id": procedure.pk}


def _meeting_decided(world: World) -> dict:
    made = _meeting_procedure(world)
    procedure = made["procedure"]
    decisions.record_meeting_outcome(
        acting_user=world.owner("secretariat"),
        procedure=procedure,
        present=list(procedure.eligible_states.values_list("code", flat=True)),
    )
    return made


def _historical(world: World) -> dict:
    decision = Decision.objects.filter(historical=True).order_by("pk").first()
    return {"decision": decision, "decision_id": decision.pk}


def _planned_meeting(world: World) -> dict:
    meeting = meetings.create_meeting(
        acting_user=world.owner("secretariat"),
        body=_soc(),
        title_en="Senior Officials Committee",
        kind="regular",
        start_date=dt.date(2027, 3, 10),
        end_date=dt.date(2027, 3, 11),
        city="Baku",
    )
    return {"meeting": meeting, "meeting_id": meeting.pk}


def _document(world: World, status: str = "adopted") -> dict:
    document = documents.create_document(
        acting_user=world.owner("secretariat"),
        key=f"authz-{status}",
        type="treaty" if status == "adopted" else "draft",
        title_en=f"Agreement for the authorization suite ({status})",
        status=status,
        date=dt.date(2020, 1, 1),
    )
    return {"document": document, "document_key": document.key}


def _document_file(world: World) -> dict:
    made = _document(world)
    stored = documents.attach_file(
        acting_user=world.owner("secretariat"),
        document=made["document"],
        name="agreement.txt",
        content=b"The Parties to this Agreement ...",
        language="en",
    )
    return {**made, "file": stored, "file_id": stored.pk}


def _treaty_action(world: World) -> dict:
    made = _document(world)
    action = documents.record_treaty_action(
        acting_user=world.owner("secretariat"),
        document=made["document"],
        state=State.objects.get(code=STATE_A),
        kind="signature",
        date=dt.date(2021, 1, 1),
    )
    return {**made, "action_id": action.pk}


def _activity(world: World, *, status: str = "recorded", joined_by_b: bool = False, file=False):
    delegate = world.owner(STATE_A)
    activity = cbm.record_activity(
        acting_user=delegate,
        area=PriorityArea.objects.get(key="tourism"),
        kind="workshop",
        title="Workshop on cultural tourism",
        start_date=_days_ago(30),
        end_date=_days_ago(29),
        host_state=State.objects.get(code=STATE_A),
        participants=[State.objects.get(code=STATE_B)] if joined_by_b else [],
        summary="Experts met in Almaty.",
    )
    made = {"activity": activity, "activity_id": activity.pk}
    if file:
        stored = cbm.attach_activity_file(
            acting_user=delegate, activity=activity, name="report.txt", content=b"Report"
        )
        made["file_id"] = stored.pk
    officer = world.owner("secretariat")
    if status == "validated":
        cbm.validate_activity(acting_user=officer, activity=activity, note="Report received.")
    if status == "returned":
        cbm.return_activity(acting_user=officer, activity=activity, note="Name the participants.")
    return made


def _offer(world: World, *, withdrawn: bool = False) -> dict:
    delegate = world.owner(STATE_A)
    offer = cbm.offer_to_coordinate(
        acting_user=delegate, area=PriorityArea.objects.get(key="tourism"), role="co_coordinator"
    )
    if withdrawn:
        cbm.withdraw_offer(acting_user=delegate, offer=offer)
    return {"offer_id": offer.pk}


def _plan(world: World) -> dict:
    cbm.record_plan(acting_user=world.owner("secretariat"), year=2026)
    return {"year": 2026}


def _api_token(world: World, own: bool) -> dict:
    if own and world.account is not None:
        owner = world.account
    else:
        owner = world.owner("secretariat" if own else STATE_A)
    accounts.issue_api_token(acting_user=SYSTEM, user=owner, name="a script")
    return {"token_id": ApiToken.objects.filter(user=owner).latest("pk").pk}


# The state of a row whose request follows a code of the account's authenticator (see _client).
AFTER_A_TOTP_STEP = "after a TOTP step"

STATES: dict[str, Callable[[World], dict]] = {
    "A's draft, not circulated": lambda w: _draft(w, STATE_A),
    "A's draft, circulated": lambda w: _circulated(w, STATE_A),
    "Secretariat's draft, not circulated": lambda w: _draft(w, "secretariat"),
    "silence open": _silence,
    "silence open, opened by the Chair": lambda w: _silence(w, opener="chair"),
    "silence broken": _broken,
    "silence adopted": _adopted,
    "silence withdrawn": _withdrawn,
    "meeting open": _meeting_procedure,
    "meeting decided": _meeting_decided,
    "decision adopted here": _adopted,
    "historical decision": _historical,
    "planned meeting": _planned_meeting,
    "planned meeting; A's draft, not circulated": lambda w: {
        **_planned_meeting(w),
        **_draft(w, STATE_A),
    },
    "adopted treaty": _document,
    "draft document": lambda w: _document(w, status="draft"),
    "treaty with a file": _document_file,
    "treaty with a treaty action": _treaty_action,
    "A's activity, recorded": _activity,
    "A's activity, validated": lambda w: _activity(w, status="validated"),
    "A's activity, returned": lambda w: _activity(w, status="returned"),
    "A's activity joined by B, recorded": lambda w: _activity(w, joined_by_b=True),
    "A's activity with a file, recorded": lambda w: _activity(w, file=True),
    "A's activity with a file, returned": lambda w: _activity(w, status="returned", file=True),
    "A's offer, open": _offer,
    "A's offer, withdrawn": lambda w: _offer(w, withdrawn=True),
    "plan of 2026": _plan,
    AFTER_A_TOTP_STEP: lambda w: {},
    "the account's own API token": lambda w: _api_token(w, own=True),
    "another account's API token": lambda w: _api_token(w, own=False),
}


# ---- a valid request of each row -------------------------------------------------------------


def _activity_payload(made: dict, **changes) -> dict:
    return {
        "area": "tourism",
        "title": "Workshop on cultural tourism routes",
        "kind": "workshop",
        "start_date": _days_ago(30).isoformat(),
        "end_date": _days_ago(29).isoformat(),
        "host_state": STATE_A,
        "participants": [],
        "summary": "Experts met in Almaty.",
        **changes,
    }


def _present(made: dict) -> list[str]:
    return list(made["procedure"].eligible_states.values_list("code", flat=True))


def _text_file(name: str = "text.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"An official text of the authorization suite.")


DOCUMENT_FORM = {
    "type": "treaty",
    "title_en": "Agreement for the authorization suite",
    "title_ru": "",
    "status": "adopted",
    "date": "2020-01-01",
    "place": "Astana",
    "body": "",
    "symbol": "",
    "text_en": "",
    "text_ru": "",
}

CHAIR_INSTRUCTION = "Note of the Chairmanship No. 12/2026 of 2026-11-22"

# The body (JSON for the API, form fields for the pages) or query of each row that needs one.
PAYLOADS: dict[str, Callable[[dict], dict]] = {
    "PATCH /api/v1/states/{code}": lambda m: {"name_en": "Viet Nam", "name_ru": "Вьетнам"},
    "POST /api/v1/drafts": lambda m: {"kind": "statement", "title": "T", "text_en": "Text"},
    "POST /api/v1/drafts/{draft_id}/versions": lambda m: {"text_en": "A revised text"},
    "GET /api/v1/drafts/{draft_id}/diff": lambda m: {"from_version": 1, "to_version": 2},
    "POST /api/v1/procedures": lambda m: {
        "version": m["version"].pk,
        "kind": "silence",
        "body": "soc",
    },
    "POST /api/v1/procedures/{procedure_id}/break": lambda m: {"reason": "Not yet."},
    "POST /api/v1/procedures/{procedure_id}/comments": lambda m: {"text": "A remark."},
    # Extending is the Chair's act: the Secretariat extends only naming the Chair's instruction.
    "POST /api/v1/procedures/{procedure_id}/extend with the Chair's instruction": lambda m: {
        "deadline": "2026-12-31T12:00:00+05:00",
        "chair_instruction": CHAIR_INSTRUCTION,
    },
    "POST /api/v1/procedures/{procedure_id}/extend without an instruction": lambda m: {
        "deadline": "2026-12-31T12:00:00+05:00"
    },
    "POST /api/v1/states/{code}/applications": lambda m: {"kind": "observer", "date": "2026-11-20"},
    "POST /api/v1/procedures/{procedure_id}/withdraw": lambda m: {},
    "POST /api/v1/procedures/{procedure_id}/objections": lambda m: {"reason": "Not yet."},
    "POST /api/v1/procedures/{procedure_id}/outcome": lambda m: {"present": _present(m)},
    "POST /api/v1/decisions/{decision_id}/statements": lambda m: {"text": "Our reading."},
    "GET /api/v1/cycles": lambda m: {"body": "soc"},
    "POST /api/v1/documents": lambda m: {
        "id": "authz-new",
        "type": "political_declaration",
        "title_en": "A declaration",
    },
    "GET /api/v1/search": lambda m: {"q": "secretariat"},
    "PATCH /api/v1/documents/{key}": lambda m: {"title_en": "The Agreement, retitled"},
    "DELETE /api/v1/documents/{key}/files/{file_id}": lambda m: {},
    "POST /api/v1/documents/{key}/actions": lambda m: {
        "state": STATE_B,
        "kind": "signature",
        "date": "2021-02-01",
    },
    "DELETE /api/v1/documents/{key}/actions/{action_id}": lambda m: {},
    "POST /api/v1/documents/{key}/files": lambda m: {"file": _text_file(), "language": "en"},
    "POST /api/v1/cbm/activities": lambda m: _activity_payload(m),
    "PUT /api/v1/cbm/activities/{activity_id}": lambda m: _activity_payload(
        m, participants=list(m["activity"].participants.values_list("code", flat=True))
    ),
    # Only the host (or the Secretariat) changes the host: B, a participant, may not take it.
    "PUT /api/v1/cbm/activities/{activity_id} handing the host to B": lambda m: _activity_payload(
        m, host_state=STATE_B, participants=[STATE_A]
    ),
    "POST /api/v1/cbm/activities/{activity_id}/validate": lambda m: {"note": "Report received."},
    "POST /api/v1/cbm/activities/{activity_id}/return": lambda m: {"note": "Give the dates."},
    "POST /api/v1/cbm/areas/{key}/offers": lambda m: {"role": "coordinator"},
    "POST /api/v1/cbm/offers/{offer_id}/withdraw": lambda m: {},
    "POST /api/v1/cbm/plans": lambda m: {"year": 2027},
    "POST /api/v1/cbm/plans/{year}/events": lambda m: {
        "area": "tourism",
        "title": "Seminar on tourism",
        "date": "2026-05-01",
    },
    "POST /api/v1/cbm/areas/{key}/documents": lambda m: {"document": m["document_key"]},
    "POST /api/v1/cbm/areas/{key}/measures": lambda m: {
        "catalogue": "catalogue-2021",
        "number": "9.9.9",
        "text_en": "Exchange of experts",
    },
    "POST /api/v1/cbm/areas/{key}/coordinators": lambda m: {
        "state": STATE_A,
        "role": "co_coordinator",
        "basis": "attested",
        "from": "2025-01-01",
    },
    "POST /api/v1/cbm/activities/{activity_id}/files": lambda m: {"file": _text_file()},
    "POST /i18n/setlang/": lambda m: {"language": "ru", "next": "/ru/"},
    "POST /en/states/{code}/names/": lambda m: {"name_en": "Viet Nam", "name_ru": "Вьетнам"},
    "POST /en/decisions/{decision_id}/": lambda m: {"text": "Our reading."},
    "POST /en/procedures/{procedure_id}/break/": lambda m: {
        "reason": "Not yet.",
        "confirmed": "True",
    },
    "POST /en/procedures/{procedure_id}/comment/": lambda m: {"text": "A remark."},
    "POST /en/procedures/{procedure_id}/extend/ with the Chair's instruction": lambda m: {
        "deadline": "2026-12-31T12:00",
        "chair_instruction": CHAIR_INSTRUCTION,
    },
    "POST /en/procedures/{procedure_id}/extend/ without an instruction": lambda m: {
        "deadline": "2026-12-31T12:00"
    },
    "POST /en/states/{code}/applications/": lambda m: {
        "kind": "observer",
        "date": "2026-11-20",
        "note": "",
        "sources": "",
    },
    "POST /en/procedures/{procedure_id}/withdraw/": lambda m: {},
    "POST /en/procedures/{procedure_id}/object/": lambda m: {"reason": "Not yet."},
    "POST /en/procedures/{procedure_id}/outcome/": lambda m: {"present": _present(m)},
    "POST /en/drafts/new/": lambda m: {"kind": "statement", "title": "T", "text_en": "Text"},
    "POST /en/drafts/{draft_id}/ add a version": lambda m: {
        "add_version": "1",
        "title": "Statement, revised",
        "text_en": "A revised text",
        "text_ru": "",
    },
    "POST /en/drafts/{draft_id}/ open a procedure": lambda m: {
        "kind": "silence",
        "body": "soc",
        "deadline": "",
    },
    "POST /en/meetings/new/": lambda m: factories.MEETING_FORM,
    "POST /en/meetings/{meeting_id}/edit/": lambda m: {**factories.MEETING_FORM, "city": "Astana"},
    "POST /en/meetings/{meeting_id}/cancel/": lambda m: {"reason": "postponed"},
    "POST /en/meetings/{meeting_id}/delegation/": lambda m: {
        "state": STATE_A,
        "level": "minister",
        "head": "The Minister",
    },
    "POST /en/meetings/{meeting_id}/agenda/": lambda m: {
        "title": "A statement",
        "version": m["version"].pk,
    },
    "POST /en/documents/new/": lambda m: {**DOCUMENT_FORM, "key": "authz-new"},
    "GET /en/documents/search/": lambda m: {"q": "secretariat"},
    "POST /en/documents/{key}/edit/": lambda m: {**DOCUMENT_FORM, "place": "Almaty"},
    "POST /en/documents/{key}/action/": lambda m: {
        "state": STATE_B,
        "kind": "signature",
        "date": "2021-02-01",
    },
    "POST /en/documents/{key}/file/": lambda m: {"file": _text_file(), "language": "ru"},
    "POST /en/documents/{key}/remove-file/": lambda m: {"file": m["file_id"]},
    "POST /en/cbm/areas/{key}/offer/": lambda m: {"role": "coordinator"},
    "POST /en/cbm/activities/new/": lambda m: {
        "area": "tourism",
        "kind": "workshop",
        "title": "Workshop on cultural tourism",
        "start_date": _days_ago(30).isoformat(),
        "host_state": STATE_A,
    },
    "POST /en/cbm/activities/{activity_id}/attach/": lambda m: {"file": _text_file("rep.txt")},
    "POST /en/cbm/activities/{activity_id}/validate/": lambda m: {"note": "Report received."},
    "POST /en/cbm/activities/{activity_id}/return/": lambda m: {"note": "Give the dates."},
    "POST /en/accounts/tokens/": lambda m: {"name": "a script", "days": 30},
    "POST /en/accounts/tokens/{token_id}/revoke/": lambda m: {},
}


def _params(row: Row, made: dict) -> dict:
    """The values of the route's parameters: the object's, else the registry's own."""
    params = {"code": STATE_A, "year": 2026, "body": "summit", "key": "tourism"}
    if "/organizations/" in row.path:
        params["code"] = "UN"
    if row.path.endswith("/names/") or (row.method == "PATCH" and "/states/" in row.path):
        params["code"] = "VN"
    if "/applications" in row.path:
        # Singapore, an observer only in a list of 2006 (regnum-658586), applies again.
        params["code"] = "SG"
    if "/documents/" in row.path and "document_key" in made:
        params["key"] = made["document_key"]
    return {**params, **{name: value for name, value in made.items() if _is_param(value)}}


def _is_param(value) -> bool:
    return isinstance(value, int | str)


def _client(row: Row, user: User | None) -> Client:
    if user is None:
        return Client()
    if row.is_api:
        return bearer_client(user)
    client = Client()
    client.force_login(user)
    if row.state == AFTER_A_TOTP_STEP and hasattr(user, "totp_secret"):
        second_factor_step(client, user)
    return client


def _send(client: Client, row: Row, url: str, payload: dict | None):
    if row.method == "GET":
        return client.get(url, payload or {})
    send = getattr(client, row.method.lower())
    payload = payload or {}
    files = any(isinstance(value, SimpleUploadedFile) for value in payload.values())
    if row.is_api and not files:
        return send(url, payload, content_type="application/json")
    return send(url, payload)  # a form, multipart


CELLS = [(row, role) for row in ROWS for role in ROLES]


@pytest.mark.parametrize(("row", "role"), CELLS, ids=[row.cell_id(role) for row, role in CELLS])
def test_rule_table_cell(db, clock_at_now, row: Row, role: str):
    # given: the object in the row's state, made by accounts of its own, and the role's account
    user = make_user(role, f"role-{role}")
    made = STATES[row.state](World(clock_at_now, user)) if row.state else {}
    url = row.path.format(**_params(row, made))
    payload = PAYLOADS[row.key](made) if row.key in PAYLOADS else None
    client = _client(row, user)
    acts = _acts(user)

    # when
    response = _send(client, row, url, payload)

    # then
    expected = dict(row.expected)[role]
    assert response.status_code == expected, response.content[:600]
    if expected == 302 and row.path not in NOT_SIGN_IN:
        # A page sends the anonymous visitor to sign in; anyone else, on once the form is done.
        to_sign_in = "/accounts/login/" in response["Location"]
        assert to_sign_in == (role == "anonymous"), response["Location"]
    if row.method != "GET" and user is not None and row.path not in NOT_AUDITED:
        # A write done is recorded in the user's name; a write refused changes nothing.
        done = expected in (200, 201, 204, 302)
        assert (_acts(user) > acts) == done


# Redirects that are not a page's: the language switcher's and the old address of sign-in.
NOT_SIGN_IN = {"/i18n/setlang/", "/en/login/"}
# A write that changes no record: the language of the session.
NOT_AUDITED = {"/i18n/setlang/"}


def _acts(user: User | None) -> int:
    """The changes recorded in the user's name (refusals, if they are recorded, aside)."""
    if user is None:
        return 0
    entries = AuditEntry.objects.filter(actor=user)
    return entries.exclude(action__startswith="authorization.").count()


def test_every_row_can_be_built():
    """A state without a builder, or a write without a payload, is a mistake of the table."""
    assert {row.state for row in ROWS if row.state} <= set(STATES)
    assert {row.key for row in ROWS if row.method != "GET"} <= set(PAYLOADS)
    assert set(PAYLOADS) <= {row.key for row in ROWS}


# ---- every route has a row -------------------------------------------------------------------

# Routes outside authorization, with the reason (docs/authorization.md, "Outside the table").
OUTSIDE = {
    "en/accounts/": "allauth's sign-in, password and two-factor pages: authentication itself",
}


def _django_routes(patterns=None, prefix: str = ""):
    """Each route of the project, as the resolver joins it (`en/` for the portal's pages)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _django_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _api_operations() -> set[str]:
    """ "METHOD /api/v1/path" of every method of every operation of the ninja API."""
    operations = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    full = re.sub("/+", "/", f"/api/v1/{prefix}/{path}")
                    operations.add(f"{method} {full}")
    return operations


def _sample(path: str) -> str:
    """A path of the route with each parameter filled in, for the resolver."""
    return re.sub(r"\{[a-z_]+\}", "1", path)


def test_every_api_operation_has_a_row():
    rows = {f"{row.method} {row.path}" for row in ROWS if row.is_api}

    missing = _api_operations() - rows

    assert not missing, f"API operations without a row in {DOC.name}: {sorted(missing)}"


@translation.override("en")
def test_every_route_has_a_row():
    covered = set()
    for row in ROWS:
        try:
            covered.add(resolve(_sample(row.path)).route)
        except Resolver404:
            pytest.fail(f"the row {row.key} names no route")
    routes = set(_django_routes())
    outside = {route for route in routes if route.startswith(tuple(OUTSIDE))}

    missing = routes - covered - outside

    assert not missing, f"routes without a row in {DOC.name}: {sorted(missing)}"


def test_every_api_row_names_an_operation():
    """A row of an operation that no longer exists would test a 404 or a 405."""
    operations = _api_operations()
    ninja_views = {"GET /api/v1/", "GET /api/v1/openapi.json", "GET /api/v1/docs"}

    stale = {f"{row.method} {row.path}" for row in ROWS if row.is_api} - operations - ninja_views

    assert not stale, stale


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("| `/en/` | GET | — | 200 | 200 |", "cells instead of"),
        ("| /en/ | GET | — | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |", "backquotes"),
        ("| `/en/` | GET | — | 200 | 200 | 200 | 200 | 200 | 200 | 200 | ok |", "statuses"),
    ],
)
def test_a_malformed_row_is_refused(line, error):
    header = "| " + " | ".join(HEADER) + " |\n|" + " --- |" * len(HEADER) + "\n"

    with pytest.raises(ValueError, match=error):
        parse_rule_table(header + line + "\n")


def test_the_table_is_whole():
    assert len(ROWS) > 100
    assert all(dict(row.expected).keys() == set(ROLES) for row in ROWS)
