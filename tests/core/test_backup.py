"""`cica backup` and `cica restore`: a snapshot taken while writes go on comes back whole."""

import io
import tarfile
import threading

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from cica.accounts import actions as account_actions
from cica.accounts.models import User
from cica.core import audit, backup
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "charter.txt").write_text("Charter of the Conference")
    return settings.MEDIA_ROOT


def _every_row() -> dict[str, list]:
    """Every row of every table Django knows, in primary-key order."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
    }


def _make_user(username: str) -> User:
    return account_actions.create_user(
        acting_user=SYSTEM, username=username, role="secretariat", password="a long passphrase 1"
    )


def test_a_restored_database_equals_the_original(committed_reference, media, tmp_path):
    # given
    _make_user("before")
    original = _every_row()
    archive = tmp_path / "cica.backup"
    call_command("backup", str(archive))

    # when: the data moves on, then the backup is restored
    _make_user("after")
    (media / "documents" / "charter.txt").unlink()
    (media / "documents" / "stray.txt").write_text("written after the backup")
    call_command("restore", str(archive), "--no-input")

    # then
    restored = _every_row()
    restore_entry = restored[AuditEntry._meta.db_table].pop()
    assert restored == original
    assert AuditEntry.objects.get(pk=restore_entry[0]).action == "core.restore"
    assert audit.verify_chain().ok
    assert sorted(p.name for p in (media / "documents").iterdir()) == ["charter.txt"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            assert cursor.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_backup_taken_during_writes_is_consistent(committed_reference, media, tmp_path):
    # given: a writer appending to the chain as fast as it can
    stop, written = threading.Event(), []

    def write():
        try:
            while not stop.is_set() and len(written) < 2000:
                with transaction.atomic():
                    written.append(audit.record(actor=SYSTEM, action="test.write").seq)
        finally:
            connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    while len(written) < 20:
        stop.wait(0.01)

    # when
    archive = tmp_path / "cica.backup"
    manifest = backup.create(archive, acting_user=SYSTEM)
    stop.set()
    writer.join()
    call_command("restore", str(archive), "--no-input")

    # then: the snapshot ends at a whole write, and its chain verifies up to its head
    assert manifest.head_seq >= written[19]
    entries = list(AuditEntry.objects.order_by("seq").values_list("seq", "action"))
    assert entries[-2][0] == manifest.head_seq
    assert entries[-1][1] == "core.restore"
    assert audit.verify_chain().ok


def test_a_damaged_archive_is_refused_and_changes_nothing(committed_reference, media, tmp_path):
    # given
    archive = tmp_path / "cica.backup"
    backup.create(archive, acting_user=SYSTEM)
    damaged = tmp_path / "damaged.backup"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("database"):
                data = data[:-100] + b"x" * 100
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    _make_user("after")
    before = _every_row()

    # when / then
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(damaged), "--no-input")
    with pytest.raises(CommandError, match="not a CICA backup"):
        call_command("restore", str(tmp_path / "missing.backup"), "--no-input")
    assert _every_row() == before


def test_a_backup_never_overwrites_a_file(db, tmp_path):
    existing = tmp_path / "cica.backup"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="never overwrites"):
        call_command("backup", str(existing))
    assert existing.read_text() == "keep me"
