"""Every refusal is logged, and a signed-in account's refusal is kept in the audit chain."""

import logging

from django.test import Client

from cica.core import audit
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
