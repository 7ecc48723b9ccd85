"""Every refusal has a reason a client can tell apart: a unique code, a category (its HTTP
status) and a translatable message; an HTML view that raises one gets its page."""

import ast
import json
import re
from pathlib import Path

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.urls import path
from django.utils import translation
from django.utils.functional import Promise

from cica.core.errors import (
    HTTP_STATUS,
    PROTOCOL_CODES,
    REASONS,
    Conflict,
    ErrorCode,
    NotFound,
    all_reasons,
    problem_for,
)
from cica.decisions.errors import DeadlinePassed
from cica.urls import urlpatterns as site

SRC = Path(__file__).resolve().parents[2] / "src" / "cica"
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def test_every_reason_has_a_code_a_category_and_a_translatable_message():
    reasons = all_reasons()

    assert len(reasons) >= 40
    for code, reason in reasons.items():
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", code), code
        assert reason.code == code
        assert reason.category in ErrorCode
        assert isinstance(reason.default_message, Promise), code
        assert code not in PROTOCOL_CODES


def test_every_409_has_a_reason_of_its_own():
    conflicts = [code for code, reason in all_reasons().items() if reason.category == "conflict"]

    assert len(conflicts) >= 20
    assert len({str(all_reasons()[code].default_message) for code in conflicts}) >= 19


def test_two_reasons_cannot_share_a_code():
    with pytest.raises(TypeError, match="deadline_passed"):

        class Again(Conflict):
            code = "deadline_passed"

    assert REASONS["deadline_passed"] is DeadlinePassed


@pytest.mark.parametrize("code", sorted(all_reasons()))
def test_every_reason_renders_in_russian(code):
    reason = all_reasons()[code]
    names = re.findall(r"%\((\w+)\)s", str(reason.default_message))

    with translation.override("ru"):
        message = reason(**{name: "X" for name in names}).message

    assert CYRILLIC.search(message), message


def _calls_of(name: str, tree: ast.AST) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]


def test_no_code_raises_a_bare_conflict():
    """A bare Conflict is `urn:cica:error:conflict`, which a client cannot act on."""
    # decisions/admission/prerequisites.py: its refusals move to decisions.errors with the
    # effects' rework (NoMembershipApplication, AdmissionNotApproved, ...).
    pending = {SRC / "decisions" / "admission" / "prerequisites.py"}
    found = {
        f"{module.relative_to(SRC)}:{line}"
        for module in SRC.rglob("*.py")
        if module not in pending
        for line in _calls_of("Conflict", ast.parse(module.read_text()))
    }

    assert found == set()


def test_a_problem_carries_the_code_in_its_type_and_its_own_member():
    error = DeadlinePassed(field="deadline", deadline="2026-12-07T07:00:00+00:00")

    with translation.override("en"):
        body = json.loads(problem_for(error).content)

    assert body == {
        "type": "urn:cica:error:deadline_passed",
        "code": "deadline_passed",
        "title": "Conflict",
        "status": 409,
        "detail": "The deadline passed at 2026-12-07T07:00:00+00:00: the text is adopted.",
        "errors": [
            {
                "field": "deadline",
                "message": "The deadline passed at 2026-12-07T07:00:00+00:00: the text is adopted.",
            }
        ],
    }


def test_a_call_site_may_give_its_own_message_and_keeps_the_code():
    error = NotFound("No such draft.", field="id")

    assert (error.code, error.status, error.message, str(error)) == (
        "not_found",
        404,
        "No such draft.",
        "No such draft.",
    )


def test_the_openapi_document_lists_every_code(db):
    from cica.api import api

    code = api.get_openapi_schema()["components"]["schemas"]["ProblemOut"]["properties"]["code"]

    assert set(code["enum"]) == set(all_reasons()) | set(PROTOCOL_CODES)
    assert "- `deadline_passed` (409): The deadline passed at {deadline}" in code["description"]


# -- The pages of an HTML view that raises --------------------------------------------------


def _raising(request, code: str):
    reason = all_reasons()[code]
    names = re.findall(r"%\((\w+)\)s", str(reason.default_message))
    raise reason(**{name: "2026-12-07" for name in names})


urlpatterns = [*i18n_patterns(path("raising/<str:code>/", _raising)), *site]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("code", "status", "shown"),
    [
        ("not_found", 404, "Page not found"),
        ("secretariat_only", 403, "Not allowed"),
        ("deadline_passed", 409, "The deadline passed at 2026-12-07: the text is adopted."),
        ("too_long", 422, "At most 2026-12-07 characters"),
    ],
)
def test_a_view_that_raises_gets_the_page_of_its_status(db, client, code, status, shown):
    response = client.get(f"/en/raising/{code}/")

    assert response.status_code == status == HTTP_STATUS[all_reasons()[code].category]
    assert shown in response.content.decode()
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.urls(__name__)
def test_the_page_of_a_refusal_is_in_the_language_of_the_page(db, client):
    response = client.get("/ru/raising/deadline_passed/")

    assert response.status_code == 409
    assert "Срок истёк 2026-12-07: текст принят." in response.content.decode()
    assert "<h1>Конфликт</h1>" in response.content.decode()


@pytest.mark.urls(__name__)
def test_a_refusal_of_a_page_is_recorded(db, client, secretariat_officer, caplog):
    client.force_login(secretariat_officer)

    with caplog.at_level("WARNING", logger="cica.authorization"):
        response = client.get("/en/raising/not_eligible/")

    assert response.status_code == 403
    assert "may break silence" in caplog.text
