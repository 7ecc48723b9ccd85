"""Every text box of the pages states its limit (core.limits), and every form keeps to it.

Both sweeps run over the rule table of docs/authorization.md: each page is rendered, as each role
that may see it, in the state of its row, and no text box on it lacks `maxlength`; each form is
sent, by a role it would succeed for, with one of its texts beyond the longest limit, and is
refused (the form again with the error, or its page with the error as a message; never a 500),
recording nothing.
"""

from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client

from cica.core import limits
from tests.authz.cast import NOW, make_user
from tests.authz.test_rule_table import PAYLOADS, ROWS, STATES, World, _params, _send
from tests.conftest import recorded_acts

# The roles whose pages hold forms; the others see what the anonymous visitor sees.
FORM_ROLES = ("delegate_a", "chair", "secretariat")
# Routes that answer a file, not a page.
FILES = ("/pdf/", "{file_id}/", ".svg", ".csv")
TEXT_TYPES = {"text", "search", "email", "url", "tel"}


@pytest.fixture(autouse=True)
def clock_at_now():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class TextBoxes(HTMLParser):
    """The names of the text boxes (textareas, text inputs) of a page without `maxlength`."""

    def __init__(self):
        super().__init__()
        self.unbounded: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        text_input = tag == "input" and attributes.get("type", "text") in TEXT_TYPES
        if (tag == "textarea" or text_input) and "maxlength" not in attributes:
            self.unbounded.append(attributes.get("name") or "?")


def _signed_in(role: str) -> Client:
    client = Client()
    client.force_login(make_user(role, f"role-{role}"))
    return client


PAGES = [
    (row, role)
    for row in ROWS
    if not row.is_api and row.method == "GET" and not row.path.endswith(FILES)
    for role, status in row.expected
    if role in FORM_ROLES and status == 200
]


@pytest.mark.parametrize(("row", "role"), PAGES, ids=[row.cell_id(role) for row, role in PAGES])
def test_every_text_box_of_a_page_states_its_limit(db, clock_at_now, row, role):
    made = STATES[row.state](World(clock_at_now)) if row.state else {}
    url = row.path.format(**_params(row, made))
    response = _signed_in(role).get(url, PAYLOADS[row.key](made) if row.key in PAYLOADS else {})
    assert response.status_code == 200
    boxes = TextBoxes()

    boxes.feed(response.content.decode())

    assert not boxes.unbounded


# What a form's payload holds besides its values: flags that say which act the form does.
FLAGS = {"confirmed", "add_version"}


class _StandIn:
    """Any object of a row, for reading the names of a payload's fields before any is made."""

    pk = 1

    def __getitem__(self, key):
        return self

    def __getattr__(self, name):
        return self

    def __call__(self, *args, **kwargs):
        return []


def _forms() -> list[tuple]:
    """(row, role, field) for each text of each page's form, on the first row some role sends
    it successfully on (a redirect of the anonymous visitor is to sign in): the last such role,
    whose form has every field (the Secretariat names the Chair's instruction, the Chair does
    not). The language's switch aside."""
    cases, seen = [], set()
    for row in ROWS:
        senders = [role for role, status in row.expected if status == 302 and role != "anonymous"]
        if row.is_api or row.method != "POST" or not senders or row.key in seen:
            continue
        seen.add(row.key)
        payload = PAYLOADS[row.key](_StandIn())
        texts = [name for name, value in payload.items() if isinstance(value, str)]
        cases += [(row, senders[-1], name) for name in texts if name not in FLAGS]
    return [case for case in cases if case[0].path != "/i18n/setlang/"]


FORMS = _forms()


@pytest.mark.parametrize(
    ("row", "role", "field"), FORMS, ids=[f"{row.key} {field}" for row, _role, field in FORMS]
)
def test_a_text_beyond_every_limit_is_refused(db, clock_at_now, row, role, field):
    # given: the form of the row, which would succeed, but for one text longer than any may be
    made = STATES[row.state](World(clock_at_now)) if row.state else {}
    url = row.path.format(**_params(row, made))
    client = _signed_in(role)
    payload = {**PAYLOADS[row.key](made), field: "x" * (limits.TEXT + 1)}
    acts = recorded_acts()

    # when
    response = _send(client, row, url, payload)

    # then: the form again with the error (or its page, with the error as a message)
    assert response.status_code in (302, 422)
    assert recorded_acts() == acts
