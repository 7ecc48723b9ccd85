"""Attachments of both apps, a document's official texts and an activity's reports, are checked
and stored by one module (core.attachments); the CBM imports nothing of the documents app."""

import ast
import datetime as dt
from pathlib import Path

import pytest

import cica
from cica.cbm import actions as cbm
from cica.cbm.models import ActivityFile, PriorityArea
from cica.core import attachments, audit, clock
from cica.core.errors import Conflict, InvalidInput
from cica.documents import actions as documents
from cica.documents.models import DocumentFile
from cica.registry.models import State


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stored(monkeypatch):
    """Each row core.attachments stores, as it stores it."""
    rows = []
    store = attachments.store

    def spy(row, *args, **kwargs):
        store(row, *args, **kwargs)
        rows.append(row)

    monkeypatch.setattr(attachments, "store", spy)
    return rows


@pytest.fixture
def document(secretariat_officer):
    return documents.create_document(
        acting_user=secretariat_officer, key="test-doc", type="basic", title_en="Outcome"
    )


@pytest.fixture
def activity(secretariat_officer):
    return cbm.record_activity(
        acting_user=secretariat_officer,
        area=PriorityArea.objects.get(key="tourism"),
        kind="report",
        title="Report on tourism",
        start_date=clock.today() - dt.timedelta(days=1),
        host_state=State.objects.get(code="KZ"),
    )


def _attach(kind, officer, document, activity, content, name="report.txt"):
    if kind == "document":
        return documents.attach_file(
            acting_user=officer, document=document, name=name, content=content, language="en"
        )
    return cbm.attach_activity_file(
        acting_user=officer, activity=activity, name=name, content=content
    )


@pytest.mark.parametrize(
    ("kind", "model"), [("document", DocumentFile), ("activity", ActivityFile)]
)
def test_both_apps_store_attachments_through_core(
    db, media, secretariat_officer, document, activity, stored, kind, model
):
    row = _attach(kind, secretariat_officer, document, activity, b"A report.")

    assert stored == [row]
    assert isinstance(row, model)
    assert row.sha256 == attachments.inspect("report.txt", b"A report.").sha256


@pytest.mark.parametrize("kind", ["document", "activity"])
def test_both_apps_refuse_alike(db, media, secretariat_officer, document, activity, kind):
    with pytest.raises(InvalidInput) as refused:
        _attach(kind, secretariat_officer, document, activity, b"MZ", name="tool.exe")
    _attach(kind, secretariat_officer, document, activity, b"Once.")
    with pytest.raises(Conflict) as again:
        _attach(kind, secretariat_officer, document, activity, b"Once.")

    assert (str(refused.value.message), refused.value.field) == (
        "Attach a PDF, DOCX or TXT file.",
        "file",
    )
    assert (str(again.value.message), again.value.field) == (
        "This file is already attached.",
        "file",
    )


def test_a_failure_after_the_file_is_written_leaves_no_file(
    db, media, secretariat_officer, activity, monkeypatch
):
    def fail(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(audit, "record", fail)

    with pytest.raises(RuntimeError):
        cbm.attach_activity_file(
            acting_user=secretariat_officer, activity=activity, name="r.txt", content=b"Text"
        )

    assert not ActivityFile.objects.exists()
    assert not [path for path in Path(media).rglob("*") if path.is_file()]


def test_the_cbm_imports_nothing_of_the_documents_app():
    """Siblings are independent (core < registry < ... < meetings, documents, cbm)."""
    package = Path(cica.__file__).parent / "cbm"
    imported = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)

    assert not {name for name in imported if name.startswith("cica.documents")}
