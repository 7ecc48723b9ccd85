"""Every refusal is logged, and a signed-in account's refusal is kept in the audit chain."""

import logging

from django.test import Client

from cica.core import audit, denials
from cica.core.models import AuditEntry
from tests.conftest import bearer_client


def _denials() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="authorization.denied").order_by("seq"))


def test_an_api_refusal_is_logged_and_chained(db, delegate, caplog):
    # when
    with caplog.at_level(logging.WARNING, logger="cica.authorization"):
        response = bearer_client(delegate).patch(
            "/api/v1/states/US", {"name_en": "X", "name_ru": "Х"}, content_type="application/json"
        )

    # then
    assert response.status_code == 403
    (entry,) = _denials()
    assert entry.actor == delegate
    assert entry.payload["method"] == "PATCH"
    assert entry.payload["path"] == "/api/v1/states/US"
    assert "denied PATCH /api/v1/states/US to delegate" in caplog.text
    assert audit.verify_chain().ok


def test_a_page_refusal_is_logged_and_chained(db, delegate, caplog):
    # given
    client = Client()
    client.force_login(delegate)

    # when
    with caplog.at_level(logging.WARNING, logger="cica.authorization"):
        response = client.post("/en/meetings/new/", {"title_en": "A meeting"})

    # then
    assert response.status_code == 403
    (entry,) = _denials()
    assert (entry.actor, entry.payload["path"]) == (delegate, "/en/meetings/new/")
    assert "denied POST /en/meetings/new/ to delegate" in caplog.text


def test_an_allowed_read_of_the_decision_path_is_logged(procedure, delegate, caplog):
    with caplog.at_level(logging.INFO, logger="cica.authorization"):
        response = bearer_client(delegate).get(f"/api/v1/procedures/{procedure.pk}")
    assert response.status_code == 200
    assert "allowed delegate to read the decision path" in caplog.text


def test_a_thousand_refusals_add_a_bounded_number_of_entries(db, delegate, caplog):
    """Refusals alike (account, method, route, reason) are chained once a window, whatever the
    ids in the path; every one is logged."""
    # given
    client = bearer_client(delegate)
    before = AuditEntry.objects.count()

    # when: a thousand refusals over two routes, with ids that never repeat
    with caplog.at_level(logging.WARNING, logger="cica.authorization"):
        for n in range(500):
            renamed = {"name_en": f"X{n}", "name_ru": "Х"}
            client.patch("/api/v1/states/US", renamed, "application/json")
            client.post(f"/api/v1/cbm/activities/{n + 1}/validate", {}, "application/json")

    # then: one entry for each route
    assert AuditEntry.objects.count() - before == 2
    assert sorted(entry.payload["route"] for entry in _denials()) == [
        "api/v1/cbm/activities/<activity_id>/validate",
        "api/v1/states/<code>",
    ]
    assert caplog.text.count("denied ") == 1000
    assert audit.verify_chain().ok


def test_the_next_window_says_how_many_refusals_were_counted(db, delegate, time_machine):
    # given: five refusals alike within the hour
    client = bearer_client(delegate)
    time_machine.move_to("2026-11-30 10:00Z")

    def refused():
        response = client.post("/api/v1/cbm/plans", {"year": 2027}, "application/json")
        assert response.status_code == 403

    for _minute in range(5):
        refused()
        time_machine.shift(60)

    # when: one more after the window
    time_machine.shift(denials.WINDOW)
    refused()

    # then
    first, second = _denials()
    assert (first.payload["repeats_before"], second.payload["repeats_before"]) == (0, 4)


def test_each_account_has_its_own_count(db, delegate, observer):
    for user in (delegate, observer, delegate, observer):
        response = bearer_client(user).post("/api/v1/cbm/plans", {"year": 2027}, "application/json")
        assert response.status_code == 403

    assert sorted(entry.actor.username for entry in _denials()) == ["delegate", "observer"]
