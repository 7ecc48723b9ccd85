"""A thousand random attacks on the stored record, each caught at the first entry that does not
fit: edits of any field, deletions, reorderings, insertions (forged well or badly), and rewrites
that recompute every hash after the edit, which only a signed head can catch.

The triggers are dropped first (tests.tampering): the intruder holds the database's credentials.
"""

import datetime as dt
import random
import secrets
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from cica.core import anchors, audit
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from tests.tampering import rewrite_from, tampering

MUTATIONS = 1_000
ENTRIES = 100
SIGNED_EVERY = 10


def _field_edit(rng: random.Random, entry: AuditEntry) -> dict:
    field = rng.choice(["payload", "action", "actor_label", "object_id", "at", "prev_hash", "hash"])
    return {
        "payload": {"payload": {**entry.payload, "edited": True}},
        "action": {"action": entry.action + ".edited"},
        "actor_label": {"actor_label": entry.actor_label + "x"},
        "object_id": {"object_id": entry.object_id + "0"},
        "at": {"at": entry.at + dt.timedelta(seconds=rng.randint(1, 10**6))},
        "prev_hash": {"prev_hash": secrets.token_hex(32)},
        "hash": {"hash": secrets.token_hex(32)},
    }[field]


def _shift_up_from(seq: int) -> None:
    """Make room at `seq`, in two steps so that no two rows share a number on the way."""
    later = AuditEntry.objects.filter(seq__gte=seq)
    for entry in later.order_by("-seq"):
        AuditEntry.objects.filter(pk=entry.pk).update(seq=entry.seq + 1)


def _forge(seq: int, prev_hash: str, *, well: bool) -> None:
    entry = AuditEntry(
        seq=seq,
        at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        actor_label="intruder",
        action="decisions.adopt",
        payload={"forged": True},
        prev_hash=prev_hash,
    )
    entry.hash = audit.compute_hash(entry) if well else secrets.token_hex(32)
    entry.save(force_insert=True)


def mutate(rng: random.Random, kind: str, head: int, signed: list[int]) -> int:
    """Apply one attack of `kind`; answer the entry at which it must be caught."""
    k = rng.randint(1, head)
    entry = AuditEntry.objects.get(seq=k)
    if kind == "edit":
        AuditEntry.objects.filter(pk=entry.pk).update(**_field_edit(rng, entry))
        return k
    if kind == "deletion":
        entry.delete()
        return k
    if kind == "reordering":
        j = rng.choice([s for s in range(1, head + 1) if s != k])
        first, second = sorted((k, j))
        a, b = AuditEntry.objects.get(seq=first), AuditEntry.objects.get(seq=second)
        AuditEntry.objects.filter(pk=a.pk).update(seq=head + 1000)
        AuditEntry.objects.filter(pk=b.pk).update(seq=first)
        AuditEntry.objects.filter(pk=a.pk).update(seq=second)
        return first
    if kind == "insertion, badly forged":
        _shift_up_from(k)
        _forge(k, entry.prev_hash, well=False)
        return k
    if kind == "insertion, well forged":
        # The forged entry fits its predecessor, so it is caught where a signed head holds its
        # place, else at the entry it displaced, which no longer fits.
        _shift_up_from(k)
        _forge(k, entry.prev_hash, well=True)
        return k if k in signed else k + 1
    if kind == "rewrite":
        # The chain verifies on its own: the first signed head at or after the edit catches it.
        rewrite_from(k)
        return min(s for s in signed if s >= k)
    raise ValueError(kind)


KINDS = [
    "edit",
    "deletion",
    "reordering",
    "insertion, badly forged",
    "insertion, well forged",
    "rewrite",
]


@pytest.fixture
def signed_chain(db, settings, tmp_path):
    """A chain of ENTRIES entries (after the reference data's), its head signed every
    SIGNED_EVERY entries."""
    settings.CICA_AUDIT_KEY_FILE = str(tmp_path / "audit.key")
    call_command("audit", "keygen", settings.CICA_AUDIT_KEY_FILE)
    start = AuditEntry.objects.count()
    rng = random.Random(7)
    for i in range(ENTRIES):
        with transaction.atomic():
            audit.record(
                actor=SYSTEM,
                action=rng.choice(["decisions.break_silence", "documents.edit", "cbm.report"]),
                payload={"n": i, "text": secrets.token_hex(rng.randint(1, 40))},
            )
        if (start + i + 1) % SIGNED_EVERY == 0 or i == ENTRIES - 1:
            anchors.anchor(acting_user=SYSTEM)
    return anchors.public_key()


def test_every_mutation_is_caught_at_its_first_bad_entry(signed_chain):
    # given
    head = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    signed = sorted(anchors.list_heads().values_list("seq", flat=True))
    assert signed[-1] == head
    rng = random.Random(2026)
    tried, missed = Counter(), []

    # when
    with tampering():
        for _ in range(MUTATIONS):
            kind = rng.choice(KINDS)
            with transaction.atomic():
                expected = mutate(rng, kind, head, signed)
                report, forged = anchors.verify(signed_chain)
                transaction.set_rollback(True)
            tried[kind] += 1
            if forged or report.first_bad_seq != expected:
                missed.append((kind, expected, report))

    # then
    print(f"audit mutations tried: {dict(tried)}; missed: {len(missed)}")
    assert missed == []
    assert sum(tried.values()) == MUTATIONS
    assert min(tried.values()) > MUTATIONS / len(KINDS) / 2, tried
    assert anchors.verify(signed_chain)[0].ok  # every attack was rolled back
