"""dispatch_post: a POST that does one of several things goes to the handler of its name."""

import pytest
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from cica.core.views import dispatch_post


def _handler(name):
    return lambda request, **context: HttpResponse(f"{name} {context}")


HANDLERS = {"add_version": _handler("add"), "open_procedure": _handler("open")}


def _post(data):
    return RequestFactory().post("/", data)


@pytest.mark.parametrize(
    ("data", "action", "expected"),
    [
        ({"action": "add_version"}, None, "add"),  # the posted action
        ({"add_version": "1", "title": "T"}, None, "add"),  # the submit button pressed
        ({"title": "T"}, None, "open"),  # neither: the default
        ({"action": "add_version"}, "open_procedure", "open"),  # the URL's name comes first
    ],
)
def test_the_handler_of_the_posted_name_answers_with_the_context(data, action, expected):
    response = dispatch_post(
        _post(data), HANDLERS, action=action, default="open_procedure", draft=7
    )

    assert response.content.decode() == f"{expected} {{'draft': 7}}"


@pytest.mark.parametrize("data", [{"action": "delete_everything"}, {"title": "T"}])
def test_a_posted_name_no_handler_has_is_a_bad_request(data):
    with pytest.raises(BadRequest):
        dispatch_post(_post(data), HANDLERS)


def test_a_url_name_no_handler_has_names_no_page():
    with pytest.raises(Http404):
        dispatch_post(_post({}), HANDLERS, action="delete_everything")


def test_an_unknown_posted_action_is_answered_400_by_a_page(db, secretariat_officer, client):
    from cica.decisions import actions

    draft = actions.create_draft(
        acting_user=secretariat_officer, kind="statement", title="T", text_en="Text"
    )
    client.force_login(secretariat_officer)

    response = client.post(f"/en/drafts/{draft.pk}/", {"action": "delete_everything"})

    assert response.status_code == 400
