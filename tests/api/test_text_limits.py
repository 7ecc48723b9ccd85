"""Every text a user writes has a limit (core.limits), which the OpenAPI document states and the
API keeps: a sweep over every write operation of the document and every string of its request
body (a field, or an item of a list), each sent once beyond its limit in an otherwise valid
request, by a role the request would succeed for (docs/authorization.md). Each is refused with a
422 naming the field, and nothing is recorded: never a 201 nor a 500.
"""

import json
from collections.abc import Iterator

import pytest
import time_machine

from cica.api import api
from cica.core import limits
from tests.authz.cast import NOW, make_user
from tests.authz.test_rule_table import PAYLOADS, ROWS, STATES, World, _params, _send
from tests.conftest import bearer_client, recorded_acts

SCHEMA = api.get_openapi_schema()
SUCCESS = {200, 201, 204}


@pytest.fixture(autouse=True)
def clock_at_now():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _strings(schema: dict, name: str) -> Iterator[tuple[str, dict]]:
    """The strings a body property holds: (the field as the API names it, its schema)."""
    schema = _resolve(schema)
    for option in schema.get("anyOf", []):
        yield from _strings(option, name)
    if schema.get("type") == "string" and schema.get("format") != "binary":
        yield name, schema
    if schema.get("type") == "array":
        yield from _strings(schema["items"], f"{name}.0")


def _body_strings(operation: dict) -> Iterator[tuple[str, dict]]:
    for content in operation.get("requestBody", {}).get("content", {}).values():
        for name, schema in _resolve(content["schema"]).get("properties", {}).items():
            yield from _strings(schema, name)


def _first_success(row) -> str | None:
    return next((role for role, status in row.expected if status in SUCCESS), None)


def _cases() -> list[tuple]:
    """(row, role, field, its schema) for each string of each write operation's body, on the
    first row of the operation that some role succeeds in."""
    cases, seen = [], set()
    for row in ROWS:
        role = _first_success(row)
        if not row.is_api or row.method == "GET" or role is None or row.key in seen:
            continue
        seen.add(row.key)
        operation = SCHEMA["paths"][row.path][row.method.lower()]
        cases += [(row, role, field, schema) for field, schema in _body_strings(operation)]
    return cases


CASES = _cases()


def _too_long(schema: dict) -> str:
    return "x" * (schema.get("maxLength", limits.TEXT) + 1)


def _with(payload: dict, field: str, value: str) -> dict:
    name, _dot, item = field.partition(".")
    return {**payload, name: [value] if item else value}


def test_the_sweep_covers_every_write_operation():
    """Each write operation with a body is swept, and the sweep holds the fields of each kind."""
    swept = {(row.method, row.path) for row, *_rest in CASES}
    with_body = {
        (method.upper(), path)
        for path, operations in SCHEMA["paths"].items()
        for method, operation in operations.items()
        if any(True for _string in _body_strings(operation))
    }

    assert swept == with_body
    assert {"title", "text_en", "reason", "text", "note", "participants.0"} <= {
        field for _row, _role, field, _schema in CASES
    }


def test_every_text_of_a_request_states_its_limit():
    """A string is bounded by its `maxLength`, or is one of a list of values, a day or a moment."""
    unbounded = [
        f"{row.method} {row.path}: {field}"
        for row, _role, field, schema in CASES
        if "maxLength" not in schema
        and "enum" not in schema
        and schema.get("format") not in ("date", "date-time")
    ]

    assert not unbounded


@pytest.mark.parametrize(
    ("row", "role", "field", "schema"),
    CASES,
    ids=[f"{row.method} {row.path} {field}" for row, _role, field, _schema in CASES],
)
def test_a_text_beyond_its_limit_is_refused_naming_it(db, clock_at_now, row, role, field, schema):
    # given: a request that would succeed, but for one string beyond its limit
    made = STATES[row.state](World(clock_at_now)) if row.state else {}
    user = make_user(role, f"role-{role}")
    url = row.path.format(**_params(row, made))
    payload = _with(PAYLOADS[row.key](made), field, _too_long(schema))
    client = bearer_client(user)
    acts = recorded_acts()

    # when
    response = _send(client, row, url, payload)

    # then
    assert response.status_code == 422, response.content[:600]
    assert response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]], response.json()
    assert recorded_acts() == acts


def test_a_text_at_its_limit_is_accepted(db, secretariat_officer):
    """The longest document texts, escaped as many JSON encoders do (6 bytes a character), fit
    in a request; a body beyond the room for them is a 413 problem, not Django's HTML 400."""
    client = bearer_client(secretariat_officer)
    text = "я" * limits.TEXT
    document = {"id": "longest", "type": "treaty", "title_en": "T" * limits.TITLE}

    response = client.post(
        "/api/v1/documents",
        json.dumps({**document, "text_en": text}),
        content_type="application/json",
    )
    too_large = client.post(
        "/api/v1/documents",
        json.dumps({**document, "id": "larger", "text_en": text, "text_ru": text * 2}),
        content_type="application/json",
    )

    assert response.status_code == 201, response.content[:600]
    assert len(response.json()["text_en"]) == limits.TEXT
    assert too_large.status_code == 413
    assert too_large["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("effect", "field"),
    [
        ({"person": "x" * (limits.NAME + 1)}, "effect.person"),
        ({"person": "Kairat Sarybay", "title": "x" * (limits.NAME + 1)}, "effect.title"),
    ],
)
def test_a_name_of_an_effect_beyond_its_limit_is_refused(db, secretariat_officer, effect, field):
    """The effect is an object whose names are stored when the decision is adopted."""
    payload = {"kind": "appoint_head", "title": "Appointment", "text_en": "T", "effect": effect}
    client = bearer_client(secretariat_officer)
    acts = recorded_acts()

    response = client.post("/api/v1/drafts", payload, content_type="application/json")

    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == field
    assert recorded_acts() == acts
