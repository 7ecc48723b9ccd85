"""Text no database stores (a NUL character, a lone surrogate) is refused by the API, naming the
field, before any query. Every JSON write, field by field: tests/authz/test_bad_input.py."""

import json

import pytest

from tests.conftest import bearer_client

NUL_REFUSED = "Text may not contain the NUL character."
SURROGATE_REFUSED = "Text may not contain a lone surrogate (U+D800 to U+DFFF)."


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"area": "tour\u0000ism", "title": "x"}, "area", NUL_REFUSED),
        ({"participants": ["KZ", "I\u0000N"]}, "participants.1", NUL_REFUSED),
        ({"nested": {"ke\u0000y": 1}}, "nested.ke\u0000y", NUL_REFUSED),
        ({"area": "tourism", "title": "Tour\ud800"}, "title", SURROGATE_REFUSED),
        ({"participants": ["KZ", "\udfff"]}, "participants.1", SURROGATE_REFUSED),
        ({"nested": {"\udc00": 1}}, "nested.\\udc00", SURROGATE_REFUSED),
    ],
    ids=[
        "a NUL in a field",
        "a NUL in an item of a list",
        "a NUL in a key",
        "a lone surrogate in a field",
        "a lone surrogate in an item of a list",
        "a lone surrogate in a key",
    ],
)
def test_a_json_body_with_unstorable_text_is_refused_naming_the_field(
    delegate, body, field, message
):
    response = bearer_client(delegate).post(
        "/api/v1/cbm/activities", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": field, "message": message}]


def test_a_lone_surrogate_is_refused_in_upper_case_escapes_too(delegate):
    response = bearer_client(delegate).post(
        "/api/v1/cbm/activities", b'{"title": "\\uD83D"}', content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "title"


def test_a_surrogate_pair_is_text_like_any_other(delegate):
    """An escaped pair is one character beyond the BMP: it goes on to the usual checks."""
    body = json.dumps({"title": "\U0001f600"})  # "\ud83d\ude00" in the JSON text
    assert "\\ud83d\\ude00" in body

    response = bearer_client(delegate).post(
        "/api/v1/cbm/activities", body, content_type="application/json"
    )

    assert response.status_code == 422
    assert all(error["field"] != "title" for error in response.json()["errors"])


def test_a_query_with_a_nul_is_refused_naming_the_parameter(client, db):
    response = client.get("/api/v1/search", {"q": "charter\u0000"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"


def test_text_without_a_nul_goes_through(client, db):
    assert client.get("/api/v1/search", {"q": "charter"}).status_code == 200
