"""Bad input on every route of the rule table answers an error, never a 500.

The rows of docs/authorization.md give every route with an object in a state and a valid
request; here each is sent spoiled: every string field of every JSON write holding a lone
surrogate, every HTML page with integer parameters out of range or not integers.
"""

import contextlib
from unittest import mock

import pytest
from django.http import QueryDict
from django.test import Client

from cica.api import api
from tests.authz.cast import ROLES
from tests.authz.test_rule_table import (
    PAYLOADS,
    ROWS,
    STATES,
    World,
    _client,
    _params,
    _send,
    make_user,
)

LONE_SURROGATE = "\ud800"
SURROGATE_REFUSED = "Text may not contain a lone surrogate (U+D800 to U+DFFF)."


def _resolve(schema: dict, document: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def _spoiled(schema: dict, document: dict):
    """A lone surrogate in the shape of the property, or None if it holds no text."""
    schema = _resolve(schema, document)
    for option in schema.get("anyOf", ()):
        if (value := _spoiled(option, document)) is not None:
            return value
    if schema.get("type") == "string":
        return LONE_SURROGATE
    if schema.get("type") == "array" and (item := _spoiled(schema["items"], document)):
        return [item]
    return None


def _json_writes() -> list[tuple]:
    """(row, field, value, named): each string property of each JSON write of the table, in
    the first state of its row, with the field the error must name."""
    document = api.get_openapi_schema()
    cases, seen = [], set()
    for row in ROWS:
        operation_key = f"{row.method} {row.path}"
        if not row.is_api or row.method == "GET" or operation_key in seen:
            continue
        seen.add(operation_key)
        operation = document["paths"][row.path][row.method.lower()]
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" not in content:
            continue  # multipart: Django decodes a form's bytes, replacing what is not UTF-8
        body = _resolve(content["application/json"]["schema"], document)
        for field, schema in body.get("properties", {}).items():
            if (value := _spoiled(schema, document)) is not None:
                named = f"{field}.0" if isinstance(value, list) else field
                cases.append((row, field, value, named))
    return cases


JSON_WRITES = _json_writes()


def _allowed_role(row) -> str:
    """A role the row lets write, so that nothing but the text could refuse the request."""
    expected = dict(row.expected)
    return next(role for role in ROLES if expected[role] in (200, 201, 204))


def test_the_sweep_covers_every_json_write():
    operations = {row.key for row, *_ in JSON_WRITES}
    assert len(JSON_WRITES) >= 40
    assert {"POST /api/v1/cbm/activities", "POST /api/v1/procedures/{procedure_id}/break"} <= (
        operations
    )


@pytest.mark.parametrize(
    ("row", "field", "value", "named"),
    JSON_WRITES,
    ids=[f"{row.key} {field}" for row, field, *_ in JSON_WRITES],
)
def test_a_lone_surrogate_in_any_string_field_is_refused_naming_it(
    db, clock_at_now, row, field, value, named
):
    # given: the row's object and an account allowed to write
    made = STATES[row.state](World(clock_at_now)) if row.state else {}
    user = make_user(_allowed_role(row), "writer")
    url = row.path.format(**_params(row, made))
    payload = {**(PAYLOADS[row.key](made) if row.key in PAYLOADS else {}), field: value}

    # when: the JSON text carries it escaped, "\ud800", as a JSON encoder writes it
    response = _send(_client(row, user), row, url, payload)

    # then
    assert response.status_code == 422, response.content[:400]
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [{"field": named, "message": SURROGATE_REFUSED}]


# ---- integer parameters of the pages ---------------------------------------------------------

# Values no page can take as a number as they are: beyond the calendar, signed, not integers.
OUT_OF_RANGE = ("0", "-1", "99999", "abc", "1.5", "9" * 25)
# Read by some page, whatever this one reads.
ALWAYS = {"year", "page"}


def _names_read(client: Client, url: str) -> set[str]:
    """The query parameters the page reads, itself or through a form (a form is bound only to a
    query that is not empty: hence a parameter of no meaning)."""
    read: set[str] = set()

    def recording(method):
        def wrapper(self, key, *args, **kwargs):
            read.add(key)
            return method(self, key, *args, **kwargs)

        return wrapper

    with contextlib.ExitStack() as stack:
        for name in ("get", "getlist", "__getitem__", "__contains__"):
            method = getattr(QueryDict, name)
            stack.enter_context(mock.patch.object(QueryDict, name, recording(method)))
        client.get(url, {"unread": "1"})
    return read - {"unread"}


def _html_pages() -> list:
    seen, rows = set(), []
    for row in ROWS:
        if row.is_api or row.method != "GET" or row.path in seen:
            continue
        seen.add(row.path)
        rows.append(row)
    return rows


HTML_PAGES = _html_pages()


@pytest.mark.parametrize("row", HTML_PAGES, ids=[row.path for row in HTML_PAGES])
def test_no_page_fails_on_a_parameter_out_of_range(db, clock_at_now, row):
    # given: the page's object, and the Secretariat, which reads every page
    made = STATES[row.state](World(clock_at_now)) if row.state else {}
    client = Client()
    client.force_login(make_user("secretariat", "reader"))
    url = row.path.format(**_params(row, made))
    names = _names_read(client, url) | ALWAYS

    # when
    answers = {
        (name, value): client.get(url, {name: value}).status_code
        for name in sorted(names)
        for value in OUT_OF_RANGE
    }

    # then: the page (with an error where it reads the parameter), or 404; never a 500
    assert set(answers.values()) <= {200, 302, 404, 422}, answers


def test_the_sweep_finds_the_parameters_a_page_reads(db):
    assert _names_read(Client(), "/en/meetings/") >= {"year", "body", "page"}
    assert _names_read(Client(), "/en/cbm/review/") >= {"start", "end"}


@pytest.mark.parametrize("path", ["/en/calendar/{year}/", "/en/cbm/plans/{year}/"])
@pytest.mark.parametrize("year", ["0", "1", "99999", "9" * 25])
def test_a_year_out_of_range_in_a_path_is_not_a_failure(db, path, year):
    assert Client().get(path.format(year=year)).status_code in (200, 404)
