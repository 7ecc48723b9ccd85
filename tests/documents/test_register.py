"""The Secretariat keeps the documents register through the API.

Documents, their relations, treaty actions and official texts: each accepted write is audited
once, each refused one leaves no row, no stored file and no audit entry.
"""

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import docx
import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cica.core import audit, clock
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.documents import actions
from cica.documents.models import Document, DocumentFile, TreatyAction, TreatyParameters
from cica.registry.models import Body, Source, State
from tests.conftest import bearer_client, recorded_acts

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def officer(secretariat_officer):
    return bearer_client(secretariat_officer)


@pytest.fixture
def media(settings, tmp_path):
    """Stored files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _days_ago(days: int) -> dt.date:
    return clock.today() - dt.timedelta(days=days)


def _post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


def _patch(client, url, payload):
    return client.patch(url, payload, content_type="application/json")


def _field(response) -> str:
    return response.json()["errors"][0]["field"]


def _create(client, key="test-doc", **fields):
    payload = {"id": key, "type": "basic", "title_en": "Guidelines on observers", **fields}
    response = _post(client, "/api/v1/documents", payload)
    assert response.status_code == 201, response.content
    return response.json()


def _status(key: str) -> str:
    return Client().get(f"/api/v1/documents/{key}").json()["status"]


def _listed(**params) -> set[str]:
    body = Client().get("/api/v1/documents", {"page_size": 200, **params}).json()
    return {item["id"] for item in body["items"]}


def _found(q: str, **params) -> set[str]:
    response = Client().get("/api/v1/search", {"q": q, "page_size": 100, **params})
    assert response.status_code == 200, response.content
    return {hit["document"]["id"] for hit in response.json()["items"]}


def _stored(media) -> list:
    root = media / "documents"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# ---- creating documents ----------------------------------------------------------------------


def test_the_secretariat_creates_a_document(db, officer, secretariat_officer):
    entries = recorded_acts()

    response = _post(
        officer,
        "/api/v1/documents",
        {
            "id": "observer-guidelines-2026",
            "type": "basic",
            "title_en": "Guidelines on observers",
            "title_ru": "Руководящие принципы о наблюдателях",
            "text_en": "Observers may attend the meetings.",
            "date": "2026-03-02",
            "place": "Astana",
            "body": "soc",
            "amends": ["rop-2014"],
        },
    )

    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["id"], created["status"], created["body"]) == (
        "observer-guidelines-2026",
        "adopted",
        "soc",
    )
    assert created["amends"] == ["rop-2014"]
    document = Document.objects.get(key="observer-guidelines-2026")
    assert (document.title_ru, document.text_en, document.date) == (
        "Руководящие принципы о наблюдателях",
        "Observers may attend the meetings.",
        dt.date(2026, 3, 2),
    )
    assert (
        "observer-guidelines-2026"
        in Client().get("/api/v1/documents/rop-2014").json()["amended_by"]
    )
    assert recorded_acts() == entries + 1
    entry = AuditEntry.objects.order_by("seq").last()
    assert (entry.action, entry.actor, entry.object_id) == (
        "documents.create",
        secretariat_officer,
        str(document.pk),
    )
    assert entry.payload["title_en"] == "Guidelines on observers"
    assert audit.verify_chain().ok
    assert "observer-guidelines-2026" in _found("observers")


@pytest.mark.parametrize(("role", "status"), [("delegate", 403), ("observer", 403), (None, 401)])
def test_only_the_secretariat_creates_documents(request, db, role, status):
    client = bearer_client(request.getfixturevalue(role)) if role else Client()
    entries = recorded_acts()

    response = _post(
        client, "/api/v1/documents", {"id": "intruder", "type": "basic", "title_en": "Intruder"}
    )

    assert response.status_code == status, response.content
    assert not Document.objects.filter(key="intruder").exists()
    assert recorded_acts() == entries


def test_a_taken_id_is_a_conflict_naming_the_id(db, officer):
    entries = recorded_acts()

    response = _post(
        officer, "/api/v1/documents", {"id": "rop-2004", "type": "basic", "title_en": "Other"}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "document_exists"
    assert _field(response) == "id"
    assert Document.objects.get(key="rop-2004").title_en != "Other"
    assert recorded_acts() == entries


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "poem"}, "type"),
        ({"title_en": ""}, "title_en"),
        ({"title_en": "   "}, "title_en"),
        ({"body": "no-such-body"}, "body"),
        ({"amends": ["no-such-document"]}, "amends"),
        ({"supersedes": ["rop-2014", "no-such-document"]}, "supersedes"),
        ({"supersedes": ["new-doc"]}, "supersedes"),
        ({"date": "2020-02-30"}, "date"),
        ({"date": "2099-01-01"}, "date"),
        ({"id": "Not A Slug"}, "id"),
    ],
)
def test_a_bad_document_is_refused_naming_the_field(db, officer, change, field):
    entries = recorded_acts()
    payload = {"id": "new-doc", "type": "basic", "title_en": "New document", **change}

    response = _post(officer, "/api/v1/documents", payload)

    assert response.status_code == 422, response.content
    assert _field(response) == field
    assert not Document.objects.filter(key=payload["id"]).exists()
    assert recorded_acts() == entries


# ---- editing documents -----------------------------------------------------------------------


def test_the_secretariat_edits_a_document(db, officer, secretariat_officer):
    _create(officer, title_en="Guidelines", status="draft")
    entries = recorded_acts()

    response = _patch(
        officer,
        "/api/v1/documents/test-doc",
        {"title_en": "Guidelines on observers", "text_ru": "Текст", "status": "adopted"},
    )

    assert response.status_code == 200, response.content
    edited = Client().get("/api/v1/documents/test-doc").json()
    assert (edited["title_en"], edited["text_ru"], edited["status"]) == (
        "Guidelines on observers",
        "Текст",
        "adopted",
    )
    assert recorded_acts() == entries + 1
    entry = AuditEntry.objects.order_by("seq").last()
    assert (entry.action, entry.actor) == ("documents.update", secretariat_officer)
    assert entry.payload["changes"] == {
        "title_en": "Guidelines on observers",
        "text_ru": "Текст",
        "status": "adopted",
    }
    assert "test-doc" in _found("observers")


def test_an_adopted_document_supersedes_another(db, officer):
    _create(officer, "old-rules")
    _create(officer, "new-rules")
    entries = recorded_acts()

    response = _patch(officer, "/api/v1/documents/new-rules", {"supersedes": ["old-rules"]})

    assert response.status_code == 200, response.content
    assert response.json()["supersedes"] == ["old-rules"]
    old = Client().get("/api/v1/documents/old-rules").json()
    assert (old["status"], old["superseded_by"]) == ("superseded", ["new-rules"])
    assert _status("new-rules") == "adopted"
    assert "old-rules" in _listed(status="superseded")
    assert "old-rules" not in _listed(status="adopted")
    assert recorded_acts() == entries + 1


def test_a_draft_supersedes_nothing_yet(db, officer):
    _create(officer, "old-rules")
    _create(officer, "new-rules", status="draft", supersedes=["old-rules"])

    assert _status("old-rules") == "adopted"

    _patch(officer, "/api/v1/documents/new-rules", {"status": "adopted"})

    assert _status("old-rules") == "superseded"


def test_a_superseded_draft_stays_a_draft(db, officer):
    _create(officer, "old-rules", status="draft")
    _create(officer, "new-rules", supersedes=["old-rules"])

    assert _status("old-rules") == "draft"
    assert "old-rules" in _listed(status="draft")


@pytest.mark.parametrize(
    ("old", "new"), [("rop-2004", "rop-2014"), ("catalogue-2004", "catalogue-2021")]
)
def test_the_reference_data_records_what_was_superseded(db, client, old, new):
    document = client.get(f"/api/v1/documents/{old}").json()

    assert (document["status"], document["superseded_by"]) == ("superseded", [new])
    assert _status(new) == "adopted"
    assert old in _listed(status="superseded")


@pytest.mark.parametrize(
    "status",
    [
        "draft",
        "unconfirmed",
        "adopted",
        "in_force",
        "superseded",
    ],
)
def test_the_status_filter_lists_the_documents_of_that_status(db, officer, status):
    _create(officer, "a-draft", status="draft")
    _create(officer, "a-treaty-in-force", type="treaty")
    TreatyParameters.objects.create(
        document=Document.objects.get(key="a-treaty-in-force"), entry_into_force=_days_ago(1)
    )
    items = Client().get("/api/v1/documents", {"page_size": 200}).json()["items"]

    expected = {item["id"] for item in items if item["status"] == status}

    assert expected
    assert _listed(status=status) == expected


def test_the_list_answers_what_its_schema_says(db, officer):
    """The list's fast path (plain values, orjson) gives what DocumentOut makes of the models."""
    from cica.documents import queries
    from cica.documents.schemas import DocumentOut

    _create(officer, "a-draft", status="draft")
    _create(officer, "a-treaty-in-force", type="treaty")
    TreatyParameters.objects.create(
        document=Document.objects.get(key="a-treaty-in-force"), entry_into_force=_days_ago(1)
    )

    items = Client().get("/api/v1/documents", {"page_size": 200}).json()["items"]

    documents = queries.list_documents()[:200]
    assert items == [DocumentOut.from_orm(d).model_dump(mode="json") for d in documents]
    assert {item["status"] for item in items} == {
        "draft",
        "unconfirmed",
        "adopted",
        "in_force",
        "superseded",
    }
    assert any(item["sources"] for item in items) and any(item["body"] for item in items)


def test_a_document_cannot_supersede_itself(db, officer):
    _create(officer, "rules", title_en="Rules")
    entries = recorded_acts()

    response = _patch(
        officer, "/api/v1/documents/rules", {"title_en": "Renamed", "supersedes": ["rules"]}
    )

    assert response.status_code == 422
    assert _field(response) == "supersedes"
    unchanged = Client().get("/api/v1/documents/rules").json()
    assert (unchanged["title_en"], unchanged["supersedes"]) == ("Rules", [])
    assert recorded_acts() == entries


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title_en": None}, "title_en"),
        ({"title_en": " "}, "title_en"),
        ({"type": "poem"}, "type"),
        ({"type": None}, "type"),
        ({"status": "in_force"}, "status"),
        ({"status": None}, "status"),
        ({"body": "no-such-body"}, "body"),
        ({"meeting": 999_999}, "meeting"),
        ({"amends": ["no-such-document"]}, "amends"),
        ({"date": "2099-01-01"}, "date"),
    ],
)
def test_a_bad_edit_is_refused_naming_the_field(db, officer, change, field):
    _create(officer, "rules", title_en="Rules")
    entries = recorded_acts()

    response = _patch(officer, "/api/v1/documents/rules", {"text_en": "New text", **change})

    assert response.status_code == 422, response.content
    assert _field(response) == field
    unchanged = Document.objects.get(key="rules")
    assert (unchanged.title_en, unchanged.text_en or "") == ("Rules", "")
    assert recorded_acts() == entries


def test_a_delegate_cannot_edit_a_document(db, delegate):
    client = bearer_client(delegate)
    entries = recorded_acts()

    response = _patch(client, "/api/v1/documents/rop-2014", {"title_en": "Renamed"})

    assert response.status_code == 403
    assert Document.objects.get(key="rop-2014").title_en != "Renamed"
    assert recorded_acts() == entries


def test_an_edit_reads_the_document_under_its_lock_and_for_its_answer(
    db, officer, django_assert_max_num_queries
):
    """Not the whole document first as well (the action re-reads it under its lock), nor its
    relations again when the edit does not set them."""
    _create(officer, title_en="Guidelines")
    _patch(officer, "/api/v1/documents/test-doc", {"title_en": "Guidelines, first edit"})

    # 34 before; PostgreSQL's search index takes one statement more than SQLite's.
    with django_assert_max_num_queries(25):
        response = _patch(officer, "/api/v1/documents/test-doc", {"title_ru": "Руководство"})

    assert response.status_code == 200, response.content
    assert response.json()["title_ru"] == "Руководство"


def test_editing_an_unknown_document_is_404(db, officer):
    response = _patch(officer, "/api/v1/documents/no-such-document", {"title_en": "X"})

    assert response.status_code == 404


# ---- treaty actions --------------------------------------------------------------------------


@pytest.fixture
def treaty(officer):
    """A treaty in force on the 30th day after two thirds of its signatories have consented."""
    _create(officer, "test-treaty", type="treaty", date=_days_ago(400).isoformat())
    document = Document.objects.get(key="test-treaty")
    TreatyParameters.objects.create(
        document=document, eif_share_numerator=2, eif_share_denominator=3, eif_days=30
    )
    return document


def _act(client, key, state, kind, date):
    payload = {"state": state, "kind": kind, "date": date.isoformat()}
    return _post(client, f"/api/v1/documents/{key}/actions", payload)


def test_entry_into_force_is_computed_from_the_consents(db, officer, treaty):
    for state in ("KZ", "CN", "IN"):
        assert _act(officer, "test-treaty", state, "signature", _days_ago(300)).status_code == 201
    first = _act(officer, "test-treaty", "KZ", "ratification", _days_ago(200)).json()
    assert first["entry_into_force"]["in_force_on"] is None
    assert _status("test-treaty") == "adopted"

    response = _act(officer, "test-treaty", "CN", "approval", _days_ago(100))

    assert response.status_code == 201, response.content
    eif = response.json()["entry_into_force"]
    assert (eif["signatories"], eif["counted"], eif["needed"]) == (3, 2, 2)
    assert (eif["in_force"], eif["in_force_on"]) == (True, _days_ago(70).isoformat())
    assert _status("test-treaty") == "in_force"
    assert "test-treaty" in _listed(status="in_force")
    assert "test-treaty" not in _listed(status="adopted")


def test_a_treaty_not_yet_in_force_stays_adopted(db, officer, treaty):
    for state in ("KZ", "CN", "IN"):
        _act(officer, "test-treaty", state, "signature", _days_ago(300))
    _act(officer, "test-treaty", "KZ", "ratification", _days_ago(200))

    response = _act(officer, "test-treaty", "CN", "ratification", _days_ago(10))

    assert (
        response.json()["entry_into_force"]["in_force_on"]
        == (clock.today() + dt.timedelta(days=20)).isoformat()
    )
    assert _status("test-treaty") == "adopted"
    assert "test-treaty" not in _listed(status="in_force")


def test_every_recorded_action_is_audited_once(db, officer, treaty, secretariat_officer):
    entries = recorded_acts()

    _act(officer, "test-treaty", "KZ", "signature", _days_ago(300))

    assert recorded_acts() == entries + 1
    entry = AuditEntry.objects.order_by("seq").last()
    assert (entry.action, entry.actor) == ("documents.record_treaty_action", secretariat_officer)
    assert entry.payload["state"] == "KZ"
    assert entry.payload["kind"] == "signature"
    assert entry.payload["date"] == _days_ago(300).isoformat()


def test_the_secretariat_agreement_enters_into_force_with_12_notifications(db, officer):
    """fsou-secr-2: the 30th day after two thirds of the 18 signatories notify the depositary."""
    status = Client().get("/api/v1/documents/secretariat-agreement/status").json()
    signatories = [
        row["state"]
        for row in status["states"]
        if "signature" in {action["kind"] for action in row["actions"]}
    ]
    assert len(signatories) == 18
    dates = [dt.date(2010, 1, 1) + dt.timedelta(days=10 * i) for i in range(12)]

    for state, date in zip(signatories[:11], dates[:11], strict=True):
        response = _act(officer, "secretariat-agreement", state, "notification", date)
        assert response.status_code == 201, response.content
    assert response.json()["entry_into_force"]["in_force"] is False
    assert _status("secretariat-agreement") == "adopted"
    response = _act(officer, "secretariat-agreement", signatories[11], "notification", dates[11])

    eif = response.json()["entry_into_force"]
    assert (eif["counted"], eif["needed"]) == (12, 12)
    assert eif["in_force_on"] == (dates[11] + dt.timedelta(days=30)).isoformat()
    assert _status("secretariat-agreement") == "in_force"
    assert "secretariat-agreement" in _listed(status="in_force")


@pytest.mark.parametrize(
    ("key", "change", "field"),
    [
        ("test-treaty", {"date": (dt.date.today() + dt.timedelta(days=2)).isoformat()}, "date"),
        ("test-treaty", {"date": "2001-01-01"}, "date"),  # before the treaty itself
        ("test-treaty", {"date": "2020-02-30"}, "date"),
        ("test-treaty", {"state": "XX"}, "state"),
        ("test-treaty", {"kind": "ratified"}, "kind"),
        ("decl-2mm-2004", {}, "document"),
    ],
)
def test_a_bad_treaty_action_is_refused_naming_the_field(db, officer, treaty, key, change, field):
    entries = recorded_acts()
    payload = {"state": "KZ", "kind": "signature", "date": _days_ago(30).isoformat(), **change}

    response = _post(officer, f"/api/v1/documents/{key}/actions", payload)

    assert response.status_code == 422, response.content
    assert _field(response) == field
    assert not Document.objects.get(key=key).actions.filter(state__code="KZ").exists()
    assert recorded_acts() == entries


def test_the_same_action_twice_is_a_conflict(db, officer, treaty):
    _act(officer, "test-treaty", "KZ", "signature", _days_ago(30))
    entries = recorded_acts()

    response = _act(officer, "test-treaty", "KZ", "signature", _days_ago(30))

    assert response.status_code == 409
    assert response.json()["code"] == "treaty_action_already_recorded"
    assert treaty.actions.count() == 1
    assert recorded_acts() == entries


def test_a_delegate_cannot_record_treaty_actions(db, delegate):
    client = bearer_client(delegate)
    entries = recorded_acts()

    response = _act(client, "secretariat-agreement", "KZ", "approval", _days_ago(30))

    assert response.status_code == 403
    assert recorded_acts() == entries
    agreement = Document.objects.get(key="secretariat-agreement")
    assert not agreement.actions.filter(kind="approval", state__code="KZ").exists()


# ---- files -----------------------------------------------------------------------------------


def _upload(client, name, content, language="en", key="test-doc"):
    return client.post(
        f"/api/v1/documents/{key}/files",
        {"file": SimpleUploadedFile(name, content), "language": language},
    )


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def document(officer, media):
    _create(officer, title_en="Outcome of the meeting", title_ru="Итоги совещания")
    return Document.objects.get(key="test-doc")


def test_a_russian_text_is_attached_and_served(db, officer, client, document):
    content = "Решение Совещания по вопросам водных ресурсов.\n".encode()
    entries = recorded_acts()

    response = _upload(officer, "reshenie.txt", content, language="ru")

    assert response.status_code == 201, response.content
    attached = response.json()
    assert (attached["name"], attached["language"], attached["size"]) == (
        "reshenie.txt",
        "ru",
        len(content),
    )
    assert attached["sha256"] == hashlib.sha256(content).hexdigest()
    served = client.get(attached["url"])
    assert served.status_code == 200
    assert served["Content-Type"] == "text/plain; charset=utf-8"
    assert b"".join(served.streaming_content) == content
    assert recorded_acts() == entries + 1
    assert AuditEntry.objects.order_by("seq").last().action == "documents.attach_file"


def test_an_attached_russian_text_is_searched_by_stem(db, officer, document):
    assert "test-doc" not in _found("решения", lang="ru")

    _upload(officer, "reshenie.txt", "Решение о водных ресурсах".encode(), language="ru")

    assert "test-doc" in _found("решения", lang="ru")
    assert "test-doc" not in _found("решения водных", lang="en")


def test_an_attached_docx_is_searched_in_english(db, officer, client, document, tasks_at_once):
    content = _docx("The Ministers welcomed cooperation on desalination.")

    with tasks_at_once():
        response = _upload(officer, "outcome.docx", content)

    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == DOCX
    assert client.get(response.json()["url"])["Content-Type"] == DOCX
    assert "test-doc" in _found("desalination")


def test_an_attached_pdf_is_searched_by_stem(db, officer, client, document, tasks_at_once):
    assert "test-doc" not in _found("ratified")
    content = weasyprint.HTML(string="<p>Ratification of the Convention</p>").write_pdf()

    with tasks_at_once():
        response = _upload(officer, "convention.pdf", content)

    assert response.status_code == 201, response.content
    assert client.get(response.json()["url"])["Content-Type"] == "application/pdf"
    assert "test-doc" in _found("ratified")


def _zip_without_a_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00 an executable"),
        ("no-extension", b"Some text"),
        ("convention.pdf", b"Ratification of the Convention, plain text"),
        ("damaged.pdf", b"%PDF-1.7\nnot really a PDF"),
        ("outcome.docx", b"Ratification of the Convention, plain text"),
        ("outcome.docx", _zip_without_a_document()),
        ("latin.txt", "Décision sur la ratification".encode("latin-1")),
        ("binary.txt", b"text\x00with a NUL"),
        ("empty.txt", b""),
    ],
)
def test_a_bad_file_is_refused_and_nothing_stored(db, officer, document, media, name, content):
    entries = recorded_acts()

    response = _upload(officer, name, content)

    assert response.status_code == 422, response.content
    assert _field(response) == "file"
    assert not DocumentFile.objects.exists()
    assert _stored(media) == []
    assert recorded_acts() == entries


def test_a_missing_file_is_refused_naming_the_field(db, officer, document, media):
    """The field was named "file.file"."""
    response = officer.post("/api/v1/documents/test-doc/files", {"language": "en"})

    assert response.status_code == 422
    assert _field(response) == "file"
    assert not DocumentFile.objects.exists()


def test_a_file_in_an_unknown_language_is_refused(db, officer, document, media):
    response = _upload(officer, "outcome.txt", b"Outcome", language="fr")

    assert response.status_code == 422
    assert _field(response) == "language"
    assert not DocumentFile.objects.exists()
    assert _stored(media) == []


def test_a_file_over_the_limit_is_refused(db, officer, document, media, settings):
    settings.CICA_UPLOAD_MAX_BYTES = 1000
    entries = recorded_acts()

    response = _upload(officer, "long.txt", b"a" * 1001)

    assert response.status_code == 422
    assert _field(response) == "file"
    assert not DocumentFile.objects.exists()
    assert _stored(media) == []
    assert recorded_acts() == entries
    assert _upload(officer, "just-fits.txt", b"a" * 1000).status_code == 201


def test_the_same_file_twice_is_a_conflict(db, officer, document, media):
    assert _upload(officer, "outcome.txt", b"Outcome of the meeting").status_code == 201
    entries = recorded_acts()

    response = _upload(officer, "outcome-again.txt", b"Outcome of the meeting")

    assert response.status_code == 409
    assert response.json()["code"] == "file_already_attached"
    assert DocumentFile.objects.count() == 1
    assert len(_stored(media)) == 1
    assert recorded_acts() == entries


def test_a_failed_attachment_leaves_no_stored_file(db, officer, document, media, monkeypatch):
    def broken_index(documents):
        raise RuntimeError("the index is unavailable")

    monkeypatch.setattr("cica.documents.search.index", broken_index)
    entries = recorded_acts()

    response = _upload(officer, "outcome.txt", b"Outcome of the meeting")

    assert response.status_code == 500
    assert not DocumentFile.objects.exists()
    assert _stored(media) == []
    assert recorded_acts() == entries


@pytest.mark.parametrize(("role", "status"), [("delegate", 403), ("observer", 403), (None, 401)])
def test_only_the_secretariat_attaches_files(request, db, document, media, role, status):
    client = bearer_client(request.getfixturevalue(role)) if role else Client()
    entries = recorded_acts()

    response = _upload(client, "outcome.txt", b"Outcome of the meeting")

    assert response.status_code == status
    assert not DocumentFile.objects.exists()
    assert _stored(media) == []
    assert recorded_acts() == entries


def test_a_file_for_an_unknown_document_is_404(db, officer, media):
    response = _upload(officer, "outcome.txt", b"Outcome", key="no-such-document")

    assert response.status_code == 404
    assert not DocumentFile.objects.exists()
    assert _stored(media) == []


def test_the_secretariat_removes_a_file(
    db, officer, client, document, media, django_capture_on_commit_callbacks
):
    attached = _upload(officer, "outcome.txt", b"Outcome on desalination").json()
    path = DocumentFile.objects.get(pk=attached["id"]).file.path
    entries = recorded_acts()

    with django_capture_on_commit_callbacks(execute=True):
        response = officer.delete(f"/api/v1/documents/test-doc/files/{attached['id']}")

    assert response.status_code == 204
    assert not DocumentFile.objects.exists()
    assert _stored(media) == []
    assert not Path(path).exists()
    assert client.get(attached["url"]).status_code == 404
    assert "test-doc" not in _found("desalination")
    assert recorded_acts() == entries + 1
    assert AuditEntry.objects.order_by("seq").last().action == "documents.remove_file"


def test_a_delegate_cannot_remove_a_file(db, officer, delegate, document, media):
    attached = _upload(officer, "outcome.txt", b"Outcome of the meeting").json()
    client = bearer_client(delegate)
    entries = recorded_acts()

    response = client.delete(f"/api/v1/documents/test-doc/files/{attached['id']}")

    assert response.status_code == 403
    assert DocumentFile.objects.count() == 1
    assert len(_stored(media)) == 1
    assert recorded_acts() == entries


def test_removing_a_file_keeps_the_same_text_of_another_document(
    db, officer, client, document, media, django_capture_on_commit_callbacks
):
    _create(officer, "other-doc")
    content = b"Outcome of the meeting"
    first = _upload(officer, "outcome.txt", content).json()
    second = _upload(officer, "outcome.txt", content, key="other-doc").json()

    with django_capture_on_commit_callbacks(execute=True):
        officer.delete(f"/api/v1/documents/test-doc/files/{first['id']}")

    served = client.get(second["url"])
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == content
    assert len(_stored(media)) == 1


def test_a_file_is_removed_only_through_its_own_document(db, officer, document, media):
    _create(officer, "other-doc")
    attached = _upload(officer, "outcome.txt", b"Outcome of the meeting").json()
    entries = recorded_acts()

    response = officer.delete(f"/api/v1/documents/other-doc/files/{attached['id']}")

    assert response.status_code == 404
    assert DocumentFile.objects.count() == 1
    assert len(_stored(media)) == 1
    assert recorded_acts() == entries


# ---- queries ---------------------------------------------------------------------------------


def test_the_document_list_runs_a_constant_number_of_queries(db, assert_constant_queries):
    soc = Body.objects.get(key="soc")
    source = Source.objects.first()
    rop = Document.objects.get(key="rop-2014")

    def add():
        document = Document.objects.create(
            key=f"test-{Document.objects.count()}", type="treaty", title_en="Test", body=soc
        )
        document.sources.add(source)
        document.supersedes.add(rop)
        TreatyParameters.objects.create(
            document=document,
            eif_share_numerator=2,
            eif_share_denominator=3,
            eif_days=30,
            entry_into_force=dt.date(2020, 1, 1),
        )

    assert_constant_queries("/api/v1/documents", add, {"page_size": 200})


def test_search_runs_a_constant_number_of_queries(db, assert_constant_queries):
    soc = Body.objects.get(key="soc")

    def add():
        document = actions.create_document(
            acting_user=SYSTEM,
            key=f"test-{Document.objects.count()}",
            type="statement",
            title_en="Statement on desalination",
            text_en="The members discussed desalination at length.",
            body=soc,
        )
        document.sources.add(Source.objects.first())
        DocumentFile.objects.create(
            document=document,
            language="en",
            name="statement.txt",
            content_type="text/plain; charset=utf-8",
            size=1,
            sha256="0" * 64,
            text="desalination",
        )

    add()  # the first page holds at least one hit
    assert_constant_queries("/api/v1/search", add, {"q": "desalination", "page_size": 100})


def test_a_document_and_its_status_run_a_constant_number_of_queries(db, assert_constant_queries):
    agreement = Document.objects.get(key="secretariat-agreement")
    states = iter(State.objects.exclude(treaty_actions__document=agreement).order_by("code"))
    source = Source.objects.first()

    def add():
        action = TreatyAction.objects.create(
            document=agreement, state=next(states), kind="signature", date=dt.date(2020, 1, 1)
        )
        action.sources.add(source)
        DocumentFile.objects.create(
            document=agreement,
            language="en",
            name=f"text-{action.pk}.pdf",
            content_type="application/pdf",
            size=1,
            sha256=f"{action.pk:064d}",
        )

    assert_constant_queries("/api/v1/documents/secretariat-agreement", add)
    assert_constant_queries("/api/v1/documents/secretariat-agreement/status", add)


# ---- permission before input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url", "payload"),
    [
        ("patch", "/api/v1/documents/rop-2014", {"body": "no-such-body"}),
        (
            "post",
            "/api/v1/documents/secretariat-agreement/actions",
            {"state": "QQ", "kind": "ratification", "date": "2020-01-01"},
        ),
        ("post", "/api/v1/documents", {"id": "x", "type": "basic", "title_en": "x", "body": "?"}),
    ],
)
def test_a_delegate_is_refused_before_the_input_is_read(db, delegate, method, url, payload):
    response = getattr(bearer_client(delegate), method)(
        url, payload, content_type="application/json"
    )

    assert response.status_code == 403


def test_a_treaty_action_recorded_in_error_is_removed_and_the_entry_into_force_recomputed(
    db, officer, secretariat_officer
):
    agreement = Document.objects.get(key="secretariat-agreement")
    signatories = list(
        TreatyAction.objects.filter(document=agreement, kind="signature").values_list(
            "state__code", flat=True
        )
    )
    for code in signatories[:12]:
        _post(
            officer,
            "/api/v1/documents/secretariat-agreement/actions",
            {"state": code, "kind": "notification", "date": "2015-01-01"},
        )
    in_force = Client().get("/api/v1/documents/secretariat-agreement/status").json()
    last = TreatyAction.objects.filter(document=agreement, kind="notification").latest("pk")
    before = recorded_acts()

    response = officer.delete(f"/api/v1/documents/secretariat-agreement/actions/{last.pk}")

    assert in_force["entry_into_force"]["in_force"] is True
    assert response.status_code == 200
    assert response.json()["entry_into_force"]["in_force"] is False
    assert recorded_acts() == before + 1
    assert _status("secretariat-agreement") == "adopted"
    assert (
        bearer_client(secretariat_officer)
        .delete(f"/api/v1/documents/secretariat-agreement/actions/{last.pk}")
        .status_code
        == 404
    )
