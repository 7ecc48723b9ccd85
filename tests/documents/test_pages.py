"""The Secretariat's documents pages: forms that go through the same actions as the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cica.core.models import AuditEntry
from cica.documents.models import Document, DocumentFile, TreatyAction


@pytest.fixture
def officer_client(client, secretariat_officer):
    client.force_login(secretariat_officer)
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_the_secretariat_adds_a_document_with_the_form(officer_client):
    response = officer_client.post(
        "/en/documents/new/",
        {
            "key": "decl-7summit-2026",
            "type": "political_declaration",
            "title_en": "Declaration of the Seventh CICA Summit",
            "title_ru": "Декларация седьмого саммита СВМДА",
            "status": "adopted",
            "date": "2026-10-02",
            "body": "summit",
            "supersedes": ["decl-5summit-2019"],
        },
    )

    assert response.status_code == 302
    document = Document.objects.get(key="decl-7summit-2026")
    assert document.title_ru == "Декларация седьмого саммита СВМДА"
    assert [d.key for d in document.supersedes.all()] == ["decl-5summit-2019"]
    assert AuditEntry.objects.filter(action="documents.create", object_id=document.pk).exists()


def test_a_refused_form_keeps_the_input_and_names_the_field(officer_client):
    response = officer_client.post(
        "/en/documents/new/",
        {"key": "rop-2004", "type": "basic", "title_en": "Again", "status": "adopted"},
    )

    assert response.status_code == 409
    assert "A document with this id exists." in response.content.decode()
    assert Document.objects.filter(key="rop-2004").count() == 1


def test_the_secretariat_attaches_and_removes_a_file_on_the_page(officer_client, media):
    upload = SimpleUploadedFile("almaty-act.txt", "Алматинский акт".encode(), "text/plain")

    officer_client.post("/en/documents/almaty-act/file/", {"file": upload, "language": "ru"})
    page = officer_client.get("/en/documents/almaty-act/").content.decode()
    file = DocumentFile.objects.get(document__key="almaty-act")
    served = officer_client.get(f"/en/documents/almaty-act/files/{file.pk}/")
    officer_client.post("/en/documents/almaty-act/remove-file/", {"file": file.pk})

    assert "almaty-act.txt" in page
    assert served["Content-Type"] == "text/plain; charset=utf-8"
    assert b"".join(served.streaming_content).decode() == "Алматинский акт"
    assert not DocumentFile.objects.filter(document__key="almaty-act").exists()


def test_a_bad_file_on_the_page_is_explained_and_nothing_is_stored(officer_client, media):
    upload = SimpleUploadedFile("statute.pdf", b"not a pdf at all", "application/pdf")

    response = officer_client.post(
        "/en/documents/almaty-act/file/", {"file": upload, "language": "en"}, follow=True
    )

    assert "The file is not a PDF document." in response.content.decode()
    assert not DocumentFile.objects.exists()
    assert not (media / "documents").exists()


def test_the_secretariat_records_a_ratification_on_the_page(officer_client):
    officer_client.post(
        "/en/documents/convention-pi/action/",
        {"state": "KZ", "kind": "ratification", "date": "2012-01-01"},
    )

    assert TreatyAction.objects.filter(
        document__key="convention-pi", state__code="KZ", kind="ratification"
    ).exists()


@pytest.mark.parametrize(
    "path",
    ["/en/documents/new/", "/en/documents/rop-2014/edit/"],
)
def test_delegates_cannot_open_the_secretariats_forms(client, delegate, path):
    client.force_login(delegate)

    assert client.get(path).status_code == 403
    assert client.post("/en/documents/almaty-act/action/", {}).status_code == 403


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_document_page_shows_status_relations_and_links(client, db, language):
    page = client.get(f"/{language}/documents/rop-2004/").content.decode()

    assert "/documents/rop-2014/" in page  # superseded by
    assert "/documents/rop-2004/pdf/" in page
    assert "/meetings/" in page  # adopted at the Second Ministerial Meeting
