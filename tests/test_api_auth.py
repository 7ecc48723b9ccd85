"""An API request without valid credentials gets 401 problem+json with `WWW-Authenticate:
Bearer` (RFC 9110 15.5.2, RFC 6750 3), on every operation that needs them, whatever its method;
403 stays for a signed-in session that forgot its CSRF token, and for a role refused
(docs/authorization.md, "Reading the cells")."""

import json
import re
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from cica.accounts import actions as account_actions
from cica.accounts.models import ApiToken
from cica.api import api
from cica.core.roles import SYSTEM

PROBLEM = "application/problem+json"


def _authenticated_operations() -> list[tuple[str, str]]:
    """Every operation of the API that declares a security requirement, its path parameters
    given a sample value (never reached: authentication comes first)."""
    schema = api.get_openapi_schema()
    return sorted(
        (method, re.sub(r"\{\w+\}", "1", path))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation.get("security")
    )


OPERATIONS = _authenticated_operations()


def _call(client: Client, method: str, path: str):
    return getattr(client, method)(path, {}, content_type="application/json")


def _assert_unauthenticated(status: int, headers, body: bytes, *, challenge: str) -> None:
    assert status == 401
    assert headers["Content-Type"] == PROBLEM
    assert headers["WWW-Authenticate"] == challenge
    problem = json.loads(body)
    assert (problem["status"], problem["type"]) == (401, "urn:cica:error:unauthenticated")
    assert b"CSRF" not in body


def test_the_authenticated_operations_are_found():
    methods = {method for method, _path in OPERATIONS}

    assert ("get", "/api/v1/me") in OPERATIONS
    assert methods >= {"get", "post", "patch", "delete"}
    assert len(OPERATIONS) > 25


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_credentials_get_401_not_a_csrf_refusal(db, method, path):
    response = _call(Client(enforce_csrf_checks=True), method, path)

    _assert_unauthenticated(
        response.status_code, response.headers, response.content, challenge="Bearer"
    )


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_an_unknown_token_gets_401_invalid_token(db, method, path):
    client = Client(enforce_csrf_checks=True, headers={"Authorization": "Bearer cica_not-a-token"})

    response = _call(client, method, path)

    _assert_unauthenticated(
        response.status_code,
        response.headers,
        response.content,
        challenge='Bearer error="invalid_token"',
    )


def test_a_revoked_token_gets_401(db, delegate):
    token = account_actions.issue_api_token(acting_user=SYSTEM, user=delegate, name="t")
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})
    assert client.get("/api/v1/me").status_code == 200
    ApiToken.objects.filter(user=delegate).update(revoked_at=timezone.now())

    response = client.post("/api/v1/drafts", {}, content_type="application/json")

    _assert_unauthenticated(
        response.status_code,
        response.headers,
        response.content,
        challenge='Bearer error="invalid_token"',
    )


def test_a_signed_in_session_without_its_csrf_token_gets_403(db, secretariat_officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_officer)

    response = client.post("/api/v1/drafts", {}, content_type="application/json")

    assert response.status_code == 403
    assert response.headers["Content-Type"] == PROBLEM
    assert b"CSRF" in response.content


def test_a_signed_in_session_with_its_csrf_token_is_let_through(db, secretariat_officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_officer)
    client.get("/en/")  # the page sets the CSRF cookie, as a browser gets it

    response = client.post(
        "/api/v1/drafts",
        {"kind": "statement", "title": "A statement", "text_en": "Text."},
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies[settings.CSRF_COOKIE_NAME].value},
    )

    assert response.status_code == 201, response.content


def test_a_role_refused_gets_403(db, observer):
    """Observers do not draft (docs/authorization.md)."""
    token = account_actions.issue_api_token(acting_user=SYSTEM, user=observer, name="t")
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})

    response = client.post(
        "/api/v1/drafts",
        {"kind": "statement", "title": "A statement", "text_en": "Text."},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.headers["Content-Type"] == PROBLEM


def _request(url: str, method: str, headers: dict | None = None):
    request = urllib.request.Request(
        url,
        data=b"{}" if method != "get" else None,
        method=method.upper(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_a_real_server_answers_401_on_every_authenticated_operation(live_server):
    """Over HTTP, through every middleware, CSRF included: no test client shortcut."""
    answers = {
        (method, path): _request(live_server.url + path, method) for method, path in OPERATIONS
    }

    for status, headers, body in answers.values():
        _assert_unauthenticated(status, headers, body, challenge="Bearer")


def test_a_real_server_refuses_a_signed_in_session_without_its_csrf_token(
    live_server, secretariat_officer
):
    client = Client()
    client.force_login(secretariat_officer)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    status, headers, body = _request(live_server.url + "/api/v1/drafts", "post", {"Cookie": cookie})

    assert status == 403
    assert headers["Content-Type"] == PROBLEM
    assert b"CSRF" in body
