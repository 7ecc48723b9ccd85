"""Costly files (issue 17): a DOCX or PDF is checked cheaply when it is attached, and its text is
read by the worker, in a child process with limits of memory and time.

A DOCX whose archive would inflate beyond the limits is refused at once, naming the field; a
file within them is stored at once, and its text follows when the worker has read it; one that
cannot be read within the limits is recorded as without text, and why, never a 500.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from pypdf import PdfWriter

from cica.cbm import actions as cbm
from cica.cbm.models import ActivityFile, PriorityArea
from cica.core import attachments, clock, extraction
from cica.core.models import AuditEntry
from cica.documents import actions, tasks
from cica.documents.models import Document, DocumentFile
from cica.registry.models import State
from tests.conftest import bearer_client
from tests.documents import costly
from tests.documents.test_register import _docx

MB = 1024 * 1024


@pytest.fixture
def officer(secretariat_officer):
    return bearer_client(secretariat_officer)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def document(officer, media):
    response = officer.post(
        "/api/v1/documents",
        {"id": "test-doc", "type": "basic", "title_en": "Outcome of the meeting"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return Document.objects.get(key="test-doc")


def _upload(client, name, content, language="en"):
    return client.post(
        "/api/v1/documents/test-doc/files",
        {"file": SimpleUploadedFile(name, content), "language": language},
    )


def _found(q: str) -> set[str]:
    body = Client().get("/api/v1/search", {"q": q}).json()
    return {hit["document"]["id"] for hit in body["items"]}


def _page() -> str:
    return Client().get("/en/documents/test-doc/").content.decode()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("a password")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---- refused before anything is inflated -----------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # 300 MB of XML in under 1 MB: beyond the inflated size (and the ratio).
        (lambda: costly.docx_bomb(300 * MB), "inflates to 300.8 MB; the limit is 100.0 MB"),
        # 20 MB in 95 KB, as the smallest: within the size, beyond the ratio.
        (lambda: costly.docx_bomb(20 * MB), "(word/document.xml) inflates 340 times"),
        (lambda: costly.docx_file([], extra_parts=5000), "holds 5017 parts; the limit is 1000"),
    ],
    ids=["300-MB-document", "ratio-340", "5017-parts"],
)
def test_a_docx_bomb_is_refused_before_it_is_read(db, officer, document, media, content, message):
    response = _upload(officer, "outcome.docx", content())

    assert response.status_code == 422, response.content
    problem = response.json()
    assert problem["errors"][0]["field"] == "file"
    assert message in problem["errors"][0]["message"]
    assert not DocumentFile.objects.exists()
    assert not (media / "documents").exists()


def test_the_archive_limits_are_settings(db, officer, document, media, settings):
    settings.CICA_UPLOAD_MAX_INFLATED_BYTES = 10_000

    response = _upload(officer, "outcome.docx", _docx("A short outcome."))

    assert response.status_code == 422
    assert "the limit is 0.0 MB" in response.json()["errors"][0]["message"]


def test_a_docx_bomb_is_refused_on_an_activity_too(db, secretariat_officer, media):
    activity = cbm.record_activity(
        acting_user=secretariat_officer,
        area=PriorityArea.objects.get(key="tourism"),
        kind="report",
        title="Report on tourism",
        start_date=clock.today(),
        host_state=State.objects.get(code="KZ"),
    )

    response = bearer_client(secretariat_officer).post(
        f"/api/v1/cbm/activities/{activity.pk}/files",
        {"file": SimpleUploadedFile("report.docx", costly.docx_bomb(20 * MB))},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"
    assert not ActivityFile.objects.exists()


# ---- the text follows, read by the worker ----------------------------------------------------


@pytest.mark.usefixtures("committed_reference")
def test_the_text_follows_when_the_worker_has_run(officer, document):
    # given: attached, answered at once, the text not yet read
    response = _upload(officer, "outcome.docx", _docx("Cooperation on desalination."))
    assert response.status_code == 201, response.content
    assert response.json()["text_status"] == "pending"
    assert "test-doc" not in _found("desalination")
    assert "text being extracted" in _page()

    # when
    call_command("worker", batch=True, verbosity=0)

    # then
    stored = DocumentFile.objects.get()
    assert (stored.text_status, stored.text) == ("extracted", "Cooperation on desalination.")
    assert "test-doc" in _found("desalination")
    assert "text being extracted" not in _page()
    entry = AuditEntry.objects.order_by("seq").last()
    assert (entry.action, entry.actor_label, entry.payload["status"]) == (
        "documents.extract_text",
        "system",
        "extracted",
    )


def test_the_worker_catches_up_a_text_whose_task_was_lost(
    db, officer, document, media, tasks_at_once
):
    # given: in a test's transaction, nothing attached is ever committed, so nothing enqueued
    _upload(officer, "outcome.docx", _docx("Cooperation on desalination."))

    # when: as `cica worker` starts
    assert tasks.extract_pending() == 1

    # then
    assert DocumentFile.objects.get().text_status == "extracted"
    assert "test-doc" in _found("desalination")


def test_a_text_file_is_searched_at_once(db, officer, document, media):
    response = _upload(officer, "outcome.txt", b"Cooperation on desalination.")

    assert response.json()["text_status"] == "extracted"
    assert "test-doc" in _found("desalination")


# ---- what cannot be read within the limits is recorded ---------------------------------------


@pytest.mark.parametrize(
    ("limits", "content", "failure"),
    [
        # 20 MB of XML takes 15 s and 500 MB to read: beyond 300 MB, and beyond 1 s.
        (
            {"CICA_EXTRACT_MEMORY_BYTES": 300 * MB, "CICA_UPLOAD_MAX_RATIO": 1000},
            lambda: ("bomb.docx", costly.docx_bomb(20 * MB)),
            "memory",
        ),
        (
            {"CICA_EXTRACT_SECONDS": 1, "CICA_UPLOAD_MAX_RATIO": 1000},
            lambda: ("bomb.docx", costly.docx_bomb(20 * MB)),
            "time",
        ),
        # A page whose stream inflates to 8 MB of text operators: 30 s of pypdf.
        (
            {"CICA_EXTRACT_SECONDS": 1},
            lambda: ("stream.pdf", costly.pdf_with_stream(8 * MB)),
            "time",
        ),
        # 100 MB: beyond what pypdf inflates of a stream (75 MB).
        ({}, lambda: ("stream.pdf", costly.pdf_with_stream(100 * MB)), "unreadable"),
        ({}, lambda: ("locked.pdf", _encrypted_pdf()), "encrypted"),
        ({"CICA_EXTRACT_MAX_PAGES": 0}, lambda: ("stream.pdf", costly.pdf_with_stream(1)), "pages"),
    ],
    ids=["docx-memory", "docx-time", "pdf-time", "pdf-bomb", "pdf-encrypted", "pdf-pages"],
)
def test_a_file_beyond_the_limits_is_recorded_without_text(
    db, officer, document, media, settings, tasks_at_once, limits, content, failure
):
    for name, value in limits.items():
        setattr(settings, name, value)
    name, data = content()

    with tasks_at_once():
        response = _upload(officer, name, data)

    assert response.status_code == 201, response.content
    stored = DocumentFile.objects.get()
    assert (stored.text_status, stored.text_failure, stored.text) == ("failed", failure, "")
    listed = Client().get("/api/v1/documents/test-doc").json()["files"][0]
    assert (listed["text_status"], listed["text_failure"]) == ("failed", failure)
    assert f"text not extracted: {stored.get_text_failure_display()}" in _page()
    entry = AuditEntry.objects.order_by("seq").last()
    assert (entry.action, entry.payload["failure"]) == ("documents.extract_text", failure)


def test_the_limits_bound_the_child_not_the_worker(db, settings):
    """The worker's own process is not limited: only the child reading the file is."""
    settings.CICA_EXTRACT_MEMORY_BYTES = 300 * MB

    with pytest.raises(extraction.ExtractionFailed) as failed:
        attachments.extract_text(".docx", costly.docx_bomb(20 * MB))

    assert failed.value.code == "memory"
    assert bytearray(400 * MB)  # this process may still take more than the child's limit


def test_a_file_removed_before_the_worker_reads_it_is_left_alone(
    db, officer, document, media, secretariat_officer
):
    response = _upload(officer, "outcome.docx", _docx("Cooperation."))
    stored = DocumentFile.objects.get(pk=response.json()["id"])
    actions.remove_file(acting_user=secretariat_officer, file=stored)

    assert actions.record_file_text(file_id=stored.pk) is None
    assert AuditEntry.objects.order_by("seq").last().action == "documents.remove_file"
