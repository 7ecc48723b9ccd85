import json
from pathlib import Path

from cica.api import api

COMMITTED = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"


def test_the_openapi_document_matches_the_committed_copy(db):
    """An API change shows in review: regenerate docs/openapi.json with `make openapi`."""
    live = api.get_openapi_schema()

    assert json.loads(json.dumps(live, sort_keys=True)) == json.loads(COMMITTED.read_text())


def test_the_openapi_document_is_served(db, client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert "/api/v1/states" in response.json()["paths"]


def test_every_operation_declares_its_errors(db):
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            declared = {str(status) for status in operation["responses"]}
            assert {"404", "422"} <= declared or path.endswith("/me"), (method, path)
            problems = [
                response["content"]
                for status, response in operation["responses"].items()
                if str(status) >= "400"
            ]
            assert all(list(content) == ["application/problem+json"] for content in problems)
