"""Tampering with the record as someone holding the database's own credentials would."""

from contextlib import contextmanager

from django.db import connection

from cica.core import append_only, audit
from cica.core.models import AuditEntry


@contextmanager
def tampering():
    """Drop the append-only triggers for the block, as an intruder must first, then restore
    them."""
    append_only.remove(connection)
    try:
        yield
    finally:
        append_only.install(connection)


def rewrite_from(seq: int) -> None:
    """Edit entry `seq`'s payload and recompute every hash from it on: a chain that verifies on
    its own, which only a signed head catches. The triggers must be lifted (`tampering`)."""
    first = AuditEntry.objects.get(seq=seq)
    prev_hash = first.prev_hash
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        if entry.seq == seq:
            entry.payload = {**entry.payload, "rewritten": True}
        entry.prev_hash = prev_hash
        entry.hash = audit.compute_hash(entry)
        AuditEntry.objects.filter(pk=entry.pk).update(
            payload=entry.payload, prev_hash=entry.prev_hash, hash=entry.hash
        )
        prev_hash = entry.hash
