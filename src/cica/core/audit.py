"""The hash-chained audit log: every state change appends one entry, inside its transaction."""

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from cica.core import clock, roles
from cica.core.models import AuditEntry

GENESIS_HASH = "0" * 64
# The payload's key naming who alone may read an entry (see record).
PRIVATE_TO = "private_to"


def _canonical(value) -> str:
    return json.dumps(
        value, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def compute_hash(entry: AuditEntry) -> str:
    """SHA-256 over the entry's content and the previous entry's hash."""
    content = {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "payload": entry.payload,
        "prev_hash": entry.prev_hash,
    }
    return hashlib.sha256(_canonical(content).encode()).hexdigest()


def record(
    *,
    actor,
    action: str,
    obj=None,
    payload: dict | None = None,
    private_to: Iterable[str] | None = None,
) -> AuditEntry:
    """Append one entry to the chain; must run inside the action's transaction.

    `private_to`, when what the entry records is private as it is written (a note to the states
    of a returned CBM activity), names the states whose delegates may read it, besides the
    Secretariat: the payload keeps them, hashed with the rest, and every reader of the record is
    judged by them forever, whatever becomes of the object (decisions.redaction).
    """
    payload = dict(payload or {})
    if private_to is not None:
        payload[PRIVATE_TO] = sorted(set(private_to))
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record() must run inside the action's transaction")
    if connection.vendor == "postgresql":
        # Serialise appends: a concurrent writer waits here, then sees the new head.
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {AuditEntry._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    head = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
    entry = AuditEntry(
        seq=head.seq + 1 if head else 1,
        at=clock.now(),
        # The system (roles.SYSTEM) has no account: its entries name no user, as before it had
        # a name, and read "system".
        actor=roles.account_of(actor),
        actor_label=getattr(actor, "username", "") or "system",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        # Stored as it was hashed: JSON-native values only.
        payload=json.loads(_canonical(payload)),
        prev_hash=head.hash if head else GENESIS_HASH,
    )
    entry.hash = compute_hash(entry)
    entry.save(force_insert=True)
    return entry


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_bad_seq: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


def verify_chain(heads: Iterable = ()) -> ChainReport:
    """Walk the chain from the start and report the first entry that does not fit: one that
    breaks the chain, or differs from a signed head (`heads`, see cica.core.anchors), or is
    missing though a signed head counts it."""
    signed: dict[int, list] = defaultdict(list)
    for head in heads:
        signed[head.seq].append(head)
    prev_hash, expected_seq, count = GENESIS_HASH, 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        count += 1
        if entry.seq != expected_seq:
            return ChainReport(count, expected_seq, f"entry {expected_seq} is missing or moved")
        if entry.prev_hash != prev_hash:
            return ChainReport(count, entry.seq, "previous hash does not match")
        if compute_hash(entry) != entry.hash:
            return ChainReport(count, entry.seq, "content does not match its hash")
        for head in signed.get(entry.seq, ()):
            if head.hash != entry.hash:
                return ChainReport(
                    count, entry.seq, f"differs from the head signed at {head.at.isoformat()}"
                )
        prev_hash, expected_seq = entry.hash, expected_seq + 1
    if beyond := [head for seq, found in signed.items() if seq >= expected_seq for head in found]:
        newest = max(beyond, key=lambda head: head.seq)
        return ChainReport(
            count,
            expected_seq,
            f"entry {expected_seq} is missing: the head signed at {newest.at.isoformat()} "
            f"counts {newest.seq} entries",
        )
    return ChainReport(count, None)
