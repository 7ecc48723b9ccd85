"""What the apps above the registry add to what it shows of a state, through registry.extensions:
the registry imports none of them (the import contract, tests/test_layers.py)."""

import pytest

from cica.registry import extensions
from cica.registry.models import State


def test_a_states_page_shows_each_apps_section_in_order(db, client):
    html = client.get("/en/states/KZ/").content.decode()

    # then: admission (decisions), the CBMs (cbm), the founding documents (documents)
    positions = [
        html.index('id="workflow-heading"'),
        html.index('href="/en/cbm/states/KZ/"'),
        html.index('id="founding-heading"'),
    ]
    assert positions == sorted(positions)
    assert [section.template for section in extensions.state_sections()] == [
        "decisions/_state_workflow.html",
        "cbm/_state_link.html",
        "documents/_state_founding.html",
    ]


def test_the_api_shows_the_workflow_the_decisions_app_provides(db, client):
    detail = client.get("/api/v1/states/KZ").json()

    assert detail["workflow"]["membership"]["stage"] == "admitted"


def test_without_a_provider_a_state_has_no_workflow(db, monkeypatch):
    monkeypatch.setattr(extensions, "_workflow", [])

    assert extensions.state_workflow(State.objects.get(code="KZ")) == {
        "membership": None,
        "observer": None,
    }


@pytest.mark.parametrize("position", [5, 25])
def test_a_section_takes_its_place_by_position(monkeypatch, position):
    monkeypatch.setattr(extensions, "_sections", dict(extensions._sections))

    extensions.add_state_section(extensions.StateSection(position=position, template="x.html"))

    positions = [section.position for section in extensions.state_sections()]
    assert positions == sorted(positions)
    assert position in positions
