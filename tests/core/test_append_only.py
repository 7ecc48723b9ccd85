"""The database refuses to change or remove the audit log and the signed heads."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from cica.core import audit
from cica.core.models import AuditEntry, SignedHead
from cica.core.roles import SYSTEM


def _entries(n: int) -> list[AuditEntry]:
    with transaction.atomic():
        return [audit.record(actor=SYSTEM, action="test.step", payload={"n": i}) for i in range(n)]


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {table} SET payload = '{{}}' WHERE seq = {seq}",
        "UPDATE {table} SET seq = seq + 1000",
        "DELETE FROM {table} WHERE seq = {seq}",
        "DELETE FROM {table}",
    ],
    ids=["edit", "renumber", "delete one", "delete all"],
)
def test_the_database_refuses_to_change_audit_entries(db, statement):
    # given
    entries = _entries(3)
    before = list(AuditEntry.objects.values_list("seq", "hash", "payload"))

    # when
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table=_table(AuditEntry), seq=entries[1].seq))

    # then
    assert list(AuditEntry.objects.values_list("seq", "hash", "payload")) == before
    assert audit.verify_chain().ok


def test_the_orm_cannot_change_or_delete_an_entry_either(db):
    # given
    entry = _entries(1)[0]

    # when / then
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="test.other")
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.step"


def test_signed_heads_cannot_be_changed(db):
    # given
    entry = _entries(1)[0]
    head = SignedHead.objects.create(
        seq=entry.seq, hash=entry.hash, at=entry.at, key_id="0" * 16, signature="x"
    )

    # when / then
    with pytest.raises(DatabaseError), transaction.atomic():
        SignedHead.objects.filter(pk=head.pk).update(hash="f" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        SignedHead.objects.filter(pk=head.pk).delete()
    assert SignedHead.objects.get(pk=head.pk).hash == entry.hash


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_to_truncate_the_log(db):
    _entries(1)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {_table(AuditEntry)} CASCADE")
    assert AuditEntry.objects.exists()


def test_flush_empties_the_log_on_purpose_and_keeps_it_guarded(transactional_db):
    # given
    _entries(2)

    # when
    call_command("flush", interactive=False, verbosity=0)

    # then
    assert not AuditEntry.objects.exists()
    entry = _entries(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
