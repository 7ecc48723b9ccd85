import json
from pathlib import Path

from ninja import Schema

from cica.api import api
from cica.core.dates import ISO_DATE_PATTERN

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


def test_an_operation_that_reads_json_declares_its_400(db):
    """A body that is not JSON is a 400, which the document did not declare."""
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            if "application/json" in operation.get("requestBody", {}).get("content", {}):
                assert 400 in operation["responses"], (method, path)


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def test_no_two_schemas_share_a_name(db):
    """The document names a schema by its class: the CBM review's FiguresOut replaced the
    registry's, and /figures was documented with the review's figures."""
    names = [s.__name__ for s in set(_subclasses(Schema)) if s.__module__.startswith("cica.")]

    assert sorted({name for name in names if names.count(name) > 1}) == []
    figures = api.get_openapi_schema()["components"]["schemas"]["FiguresOut"]
    assert "members" in figures["properties"]


def _with_pattern(node):
    if isinstance(node, dict):
        if "pattern" in node:
            yield node
        for value in node.values():
            yield from _with_pattern(value)
    elif isinstance(node, list):
        for value in node:
            yield from _with_pattern(value)


def test_every_date_is_declared_a_date(db):
    """A pattern alone allowed 2024-02-30, which the API refuses."""
    dates = [n for n in _with_pattern(api.get_openapi_schema()) if n["pattern"] == ISO_DATE_PATTERN]

    assert dates
    assert all(node.get("format") == "date" for node in dates)
