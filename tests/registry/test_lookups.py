"""A state or a body named by a request: one lookup each, one message per case, the status
its place in the request gives (a path's object: 404; a body's or a form's field: 422)."""

import pytest

from cica.core.errors import InvalidInput, NotFound
from cica.registry.queries import get_body_by_key, get_state_by_code, list_states_by_code
from tests.conftest import bearer_client


@pytest.mark.parametrize("code", ["KZ", "kz", "Kz"])
def test_a_state_is_found_by_its_code_in_either_case(db, code):
    assert get_state_by_code(code).code == "KZ"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("XX", "No state with code XX."),
        ("kaz", "No state with code kaz."),
        ("K\x00", "No state with code K\x00."),  # never sent to the database
        (None, "Name a state."),
        ("", "Name a state."),
        ("  ", "Name a state."),
    ],
)
def test_an_unknown_state_has_one_message_naming_the_field(db, code, message):
    with pytest.raises(InvalidInput) as refused:
        get_state_by_code(code, field="host_state")

    assert str(refused.value.message) == message
    assert refused.value.field == "host_state"


def test_the_state_a_path_names_is_not_found(db):
    with pytest.raises(NotFound) as missing:
        get_state_by_code("XX", field="code", error=NotFound)

    assert str(missing.value.message) == "No state with code XX."
    assert missing.value.field == "code"


def test_states_are_found_in_their_order_and_every_unknown_one_is_named(db):
    assert [s.code for s in list_states_by_code(["ru", "KZ"], field="present")] == ["RU", "KZ"]
    with pytest.raises(InvalidInput) as one:
        list_states_by_code(["KZ", "XX"], field="present")
    with pytest.raises(InvalidInput) as two:
        list_states_by_code(["XX", "KZ", "YY"], field="present")

    assert (str(one.value.message), one.value.field) == ("No state with code XX.", "present")
    assert str(two.value.message) == "No states with codes XX, YY."


@pytest.mark.parametrize("key", ["soc", "SOC"])
def test_a_body_is_found_by_its_key_in_either_case(db, key):
    assert get_body_by_key(key).key == "soc"


@pytest.mark.parametrize(
    ("key", "message"),
    [("nowhere", "No body nowhere."), ("a b", "No body a b."), (None, "Name a body.")],
)
def test_an_unknown_body_has_one_message_naming_the_field(db, key, message):
    with pytest.raises(InvalidInput) as refused:
        get_body_by_key(key)

    assert (str(refused.value.message), refused.value.field) == (message, "body")


@pytest.mark.parametrize(
    ("method", "url", "payload", "status", "field"),
    [
        ("get", "/api/v1/states/XX", None, 404, "code"),
        (
            "post",
            "/api/v1/states/XX/applications",
            {"kind": "observer", "date": "2024-01-01"},
            404,
            "code",
        ),
        ("get", "/api/v1/documents?body=nowhere", None, 422, "body"),
        ("get", "/api/v1/meetings?body=nowhere", None, 404, "body"),
        (
            "post",
            "/api/v1/documents/secretariat-agreement/actions",
            {"state": "XX", "kind": "signature", "date": "2024-01-01"},
            422,
            "state",
        ),
        ("get", "/api/v1/cbm/activities?state=XX", None, 422, "state"),
        ("get", "/api/v1/meetings?state=XX", None, 404, "state"),
    ],
)
def test_the_api_answers_an_unknown_state_or_body_with_the_one_message(
    db, secretariat_officer, method, url, payload, status, field
):
    client = bearer_client(secretariat_officer)
    send = getattr(client, method)

    response = send(url, payload, content_type="application/json") if payload else send(url)

    assert response.status_code == status, response.content
    message = "No body nowhere." if field == "body" else "No state with code XX."
    assert response.json()["errors"] == [{"field": field, "message": message}]
