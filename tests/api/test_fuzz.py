"""API fuzzing: Schemathesis runs every operation of /api/v1/openapi.json, for every role, with
all its checks: no 5xx, and no status, media type, header or body that the document does not
declare.

Each operation gets Schemathesis's examples and coverage cases (boundaries, missing and
malformed values, other methods) and CICA_FUZZ_EXAMPLES generated cases (default 5). The run
is derandomized: CI sees the same cases each time. `pytest tests/api/test_fuzz.py` ends with
the number of cases tried, by role.
"""

import json
import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.errors import FailureGroup
from schemathesis.openapi.checks import RejectedPositiveData

from cica.accounts import actions as account_actions
from cica.accounts.models import User
from cica.core.roles import SYSTEM
from cica.wsgi import application

EXAMPLES = int(os.environ.get("CICA_FUZZ_EXAMPLES", "5"))

# Each role, and the fixture of its account (none for the anonymous).
ROLES = {
    "anonymous": None,
    "delegate": "delegate",
    "observer": "observer",
    "secretariat": "secretariat_officer",
    "admin": "admin",
}

# positive_data_acceptance takes a 422 for schema-valid input as a gap in the document. These
# fields have rules JSON Schema cannot state: they name records that must exist (a state, an
# area, a document...), depend on another value or on today (a period that ends before it
# starts, a deadline in the past), on the user (who may propose), or on content (a file that
# is not a PDF, DOCX or TXT, a search of stop words only). A 422 naming only such fields is the
# API's answer; a 422 naming any other field of valid input still fails.
UNSTORABLE_REFUSED = {
    "Text may not contain the NUL character.",
    "Text may not contain a lone surrogate (U+D800 to U+DFFF).",
}
BEYOND_THE_SCHEMA = {
    # records named
    "amends",
    "area",
    "body",
    "catalogue",
    "document",
    "effect",
    "host_state",
    "measures",
    "meeting",
    "objecting",
    "organizations",
    "participants",
    "planned_event",
    "present",
    "state",
    "supersedes",
    "version",
    # another value, today, the user
    "date",
    "deadline",
    "end_date",
    "proposer",
    "start_date",
    "to",
    "valid_to",
    # content
    "file",
    "q",
}

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _one_connection_per_test():
    """The WSGI handler closes the connection at the end of each request, which would end the
    test's transaction; Django's test Client disconnects the same two receivers."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def admin(db):
    return User.objects.create_superuser("admin", password="a long admin passphrase")


@pytest.fixture
def auth_headers(request, db) -> dict[str, str]:
    """The `Authorization` header of the role under test; none for the anonymous."""
    fixture = ROLES[request.param]
    if fixture is None:
        return {}
    user = request.getfixturevalue(fixture)
    token = account_actions.issue_api_token(acting_user=SYSTEM, user=user, name="fuzz")
    return {"Authorization": f"Bearer {token}"}


def _beyond_the_schema(failure, response) -> bool:
    if not isinstance(failure, RejectedPositiveData) or response.status_code != 422:
        return False
    errors = json.loads(response.content)["errors"]
    # The API refuses NUL and lone surrogates anywhere in a request (core/unstorable.py; its
    # description says so): JSON Schema has no word for "any string, in any property".
    if errors and all(error["message"] in UNSTORABLE_REFUSED for error in errors):
        return True
    fields = {(error["field"] or "").split(".")[0] for error in errors}
    return bool(fields) and fields <= BEYOND_THE_SCHEMA


@pytest.mark.parametrize("auth_headers", list(ROLES), indirect=True)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    # The role's account is made once per operation, in the test's transaction: the
    # operation's cases share it on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api(case, auth_headers, request, fuzz_cases):
    fuzz_cases[request.node.callspec.params["auth_headers"]] += 1
    # Schemathesis asks for gzip, which anonymous reads are (core.conditional), and its WSGI
    # transport does not inflate it: the body is checked as it is before compression.
    headers = {**auth_headers, "Accept-Encoding": "identity"}
    response = case.call(headers=headers)
    try:
        case.validate_response(response, headers=headers, transport_kwargs={"headers": headers})
    except FailureGroup as failures:
        if not all(_beyond_the_schema(failure, response) for failure in failures.exceptions):
            raise
