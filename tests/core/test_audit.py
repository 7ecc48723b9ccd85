import pytest
from django.db import transaction

from cica.core import audit
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from tests.tampering import tampering


def _append(n: int) -> list[AuditEntry]:
    with transaction.atomic():
        return [audit.record(actor=SYSTEM, action="test.step", payload={"n": i}) for i in range(n)]


def test_entries_are_chained_by_hash(db):
    # when
    first, second = _append(2)[-2:]

    # then
    assert second.seq == first.seq + 1
    assert second.prev_hash == first.hash
    assert audit.verify_chain().ok


def test_recording_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(RuntimeError):
        audit.record(actor=SYSTEM, action="test.step")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda entry: AuditEntry.objects.filter(pk=entry.pk).update(payload={"n": 999}),
        lambda entry: AuditEntry.objects.filter(pk=entry.pk).update(action="test.other"),
        lambda entry: AuditEntry.objects.filter(pk=entry.pk).delete(),
        lambda entry: AuditEntry.objects.filter(pk=entry.pk).update(seq=entry.seq + 100),
    ],
    ids=["payload", "action", "deletion", "reordering"],
)
def test_verification_finds_the_first_tampered_entry(db, tamper):
    # given
    entries = _append(5)
    target = entries[2]

    # when
    with tampering():
        tamper(target)

    # then
    report = audit.verify_chain()
    assert not report.ok
    assert report.first_bad_seq == target.seq
