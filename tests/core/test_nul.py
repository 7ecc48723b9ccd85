"""Text with a NUL character is refused by the API, naming the field, before any query."""

import pytest

from tests.conftest import bearer_client


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"area": "tour\u0000ism", "title": "x"}, "area"),
        ({"participants": ["KZ", "I\u0000N"]}, "participants.1"),
        ({"nested": {"ke\u0000y": 1}}, "nested.ke\u0000y"),
    ],
    ids=["a field", "an item of a list", "a key"],
)
def test_a_json_body_with_a_nul_is_refused_naming_the_field(delegate, body, field):
    response = bearer_client(delegate).post(
        "/api/v1/cbm/activities", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": field, "message": "Text may not contain the NUL character."}
    ]


def test_a_query_with_a_nul_is_refused_naming_the_parameter(client, db):
    response = client.get("/api/v1/search", {"q": "charter\u0000"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"


def test_text_without_a_nul_goes_through(client, db):
    assert client.get("/api/v1/search", {"q": "charter"}).status_code == 200
