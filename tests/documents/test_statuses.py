"""Draft documents are drafts; adoption the sources do not confirm is unconfirmed.

The CICA Charter is under negotiation ("initial draft by Kazakh chairmanship (2024); under
negotiation in 2025": s-cica-pr-2128, astanatimes-2025-09); the amendments to the Rules of
Procedure were "approved by SOC for adoption at the 6th MM; adoption itself not separately
confirmed" (inform-3843263). Neither is adopted, wherever a status is shown.
"""

import pytest
from django.conf import settings
from django.test import Client

from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions import effects
from cica.decisions.models import Decision
from cica.documents import rules
from cica.documents.models import Document
from cica.reference.loader import parse
from cica.registry.models import Body
from tests.conftest import bearer_client

# The documents whose status_note qualifies their adoption (cica.yaml).
UNCONFIRMED = {
    "rop-amend-2021",
    "volunteerism-statement",
    "universities-memo",
    "mc7-documents-2024",
}
DRAFTS = {"cica-charter", "modalities-cbm-decision"}


def _reference_documents():
    return parse(settings.CICA_REFERENCE_PATH).data.documents


def _listed(client, **params) -> set[str]:
    response = client.get("/api/v1/documents", {"page_size": 200, **params})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize(
    ("type", "status_note", "expected"),
    [
        (
            "draft",
            "initial draft by Kazakh chairmanship (2024); under negotiation in 2025",
            "draft",
        ),
        ("draft", "", "draft"),
        (
            "decision",
            "approved by SOC for adoption at the 6th MM; adoption itself not ...",
            "unconfirmed",
        ),
        ("statement", "", "adopted"),
        ("treaty", "", "adopted"),
    ],
)
def test_the_recorded_status_follows_the_type_and_the_status_note(type, status_note, expected):
    assert rules.recorded_status(type, status_note) == expected


def test_every_reference_document_is_recorded_by_its_type_and_status_note(db, client):
    """The rule, not a list: drafts by type, unconfirmed wherever cica.yaml qualifies adoption."""
    # given
    documents = _reference_documents()
    expected = {
        d.id: "draft" if d.type == "draft" else "unconfirmed" if d.status_note else None
        for d in documents
    }

    # when
    drafts, unconfirmed = _listed(client, status="draft"), _listed(client, status="unconfirmed")

    # then
    assert drafts == {key for key, status in expected.items() if status == "draft"} == DRAFTS
    assert unconfirmed == {k for k, s in expected.items() if s == "unconfirmed"} == UNCONFIRMED
    others = set()
    for status in ("adopted", "in_force", "superseded"):
        others |= _listed(client, status=status)
    assert others == {key for key, status in expected.items() if status is None}


@pytest.mark.parametrize(
    ("key", "status"),
    [("cica-charter", "draft"), ("rop-amend-2021", "unconfirmed"), ("rop-2014", "adopted")],
)
def test_the_api_and_the_pages_agree_on_the_status(db, client, key, status):
    # given
    label = {"draft": "Draft", "unconfirmed": "Unconfirmed", "adopted": "Adopted"}[status]
    note = Document.objects.get(key=key).status_note

    # when
    detail = client.get(f"/api/v1/documents/{key}").json()
    page = client.get(f"/en/documents/{key}/").content.decode()
    printed = client.get(f"/en/documents/{key}/print/").content.decode()
    listed = client.get(f"/en/documents/?status={status}").content.decode()

    # then
    assert detail["status"] == status
    assert (detail["status_note"] or "") == note
    assert f"<dd>{label}" in page
    assert f"<dd>{label.lower()}" in printed
    assert f"/documents/{key}/" in listed
    if note:
        assert note in page


def test_the_charter_is_a_draft_not_adopted(db, client):
    """s-cica-pr-2128, astanatimes-2025-09: the Charter is under negotiation."""
    page = client.get("/en/documents/cica-charter/").content.decode()

    assert "<dd>Draft" in page
    assert "under negotiation in 2025" in page
    assert "Adopted" not in page


def test_the_html_list_filters_drafts_and_unconfirmed(db, client):
    drafts = client.get("/en/documents/?status=draft").content.decode()
    unconfirmed = client.get("/en/documents/?status=unconfirmed").content.decode()

    assert drafts.count('scope="row"') == len(DRAFTS)
    assert all(f"/documents/{key}/" in drafts for key in DRAFTS)
    assert unconfirmed.count('scope="row"') == len(UNCONFIRMED)
    assert all(f"/documents/{key}/" in unconfirmed for key in UNCONFIRMED)


def test_the_search_shows_the_same_status(db, client):
    hits = client.get("/api/v1/search", {"q": "charter"}).json()["items"]
    page = client.get("/en/documents/search/", {"q": "charter"}).content.decode()

    charter = next(hit for hit in hits if hit["document"]["id"] == "cica-charter")
    assert charter["document"]["status"] == "draft"
    assert "Draft · draft" in page


def test_an_unconfirmed_document_supersedes_nothing(db, secretariat_officer):
    officer = bearer_client(secretariat_officer)
    for key, status, supersedes in [("old", "adopted", []), ("new", "unconfirmed", ["old"])]:
        response = officer.post(
            "/api/v1/documents",
            {
                "id": key,
                "type": "basic",
                "title_en": key,
                "status": status,
                "supersedes": supersedes,
            },
            content_type="application/json",
        )
        assert response.status_code == 201, response.content

    assert Client().get("/api/v1/documents/old").json()["status"] == "adopted"
    assert Client().get("/api/v1/documents/new").json()["status"] == "unconfirmed"


def test_an_adoption_decision_confirms_an_unconfirmed_document(db):
    """inform-3843263: had the 6th Ministerial Meeting's adoption been recorded, the amendments
    would be adopted from that day."""
    # given
    decision = Decision.objects.create(
        body=Body.objects.get(key="ministerial"),
        title="Adoption of the amendments to the Rules of Procedure",
        kind="adopt_document",
        effect={"document": "rop-amend-2021"},
        adopted_on="2021-10-12",
    )

    # when
    effects.apply_effect(decision, actor=SYSTEM)

    # then
    document = Document.objects.get(key="rop-amend-2021")
    assert (document.status, document.date.isoformat()) == ("adopted", "2021-10-12")
    assert AuditEntry.objects.filter(action="decisions.apply_effect").exists()
