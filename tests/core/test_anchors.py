"""Signed heads: the chain anchored with a key kept outside the database."""

import json
import stat

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from cica.core import anchors, audit
from cica.core.errors import PermissionDenied
from cica.core.models import AuditEntry, SignedHead
from cica.core.roles import SYSTEM
from tests.tampering import rewrite_from, tampering


@pytest.fixture
def signing_key(settings, tmp_path):
    path = tmp_path / "audit.key"
    call_command("audit", "keygen", str(path))
    settings.CICA_AUDIT_KEY_FILE = str(path)
    return path


def _append(n: int) -> list[AuditEntry]:
    with transaction.atomic():
        return [audit.record(actor=SYSTEM, action="test.step", payload={"n": i}) for i in range(n)]


def test_keygen_writes_an_owner_only_key_and_never_overwrites_one(signing_key):
    assert stat.S_IMODE(signing_key.stat().st_mode) == 0o600
    assert b"PUBLIC KEY" in (signing_key.parent / "audit.key.pub").read_bytes()
    with pytest.raises(CommandError, match="never overwritten"):
        call_command("audit", "keygen", str(signing_key))


def test_anchoring_without_a_key_names_the_setting(db, settings):
    settings.CICA_AUDIT_KEY_FILE = ""
    _append(1)
    with pytest.raises(CommandError, match="CICA_AUDIT_KEY_FILE"):
        call_command("audit", "anchor")


def test_a_signed_head_checks_against_the_public_key(db, signing_key):
    # given
    entry = _append(3)[-1]

    # when
    call_command("audit", "anchor")
    call_command("audit", "anchor")  # nothing new: the same head

    # then
    head = SignedHead.objects.get()
    assert (head.seq, head.hash) == (entry.seq, entry.hash)
    published = anchors.Head(head.seq, head.hash, head.at, head.key_id, head.signature)
    assert published.signed_by(anchors.public_key())
    other = anchors.Head(head.seq, "f" * 64, head.at, head.key_id, head.signature)
    assert not other.signed_by(anchors.public_key())


def test_only_the_console_operator_signs(db, signing_key, secretariat_officer):
    _append(1)
    with pytest.raises(PermissionDenied):
        anchors.anchor(acting_user=secretariat_officer)
    assert not SignedHead.objects.exists()


def test_a_rewrite_of_the_whole_chain_is_caught_by_the_signed_head(db, signing_key):
    # given
    entries = _append(10)
    call_command("audit", "anchor")

    # when
    with tampering():
        rewrite_from(entries[3].seq)

    # then
    assert audit.verify_chain().ok  # the chain alone cannot tell
    with pytest.raises(CommandError, match=f"broken at entry {entries[-1].seq}: differs"):
        call_command("audit", "verify")


def test_losing_the_newest_entries_is_caught_by_the_signed_head(db, signing_key):
    # given
    entries = _append(5)
    call_command("audit", "anchor")

    # when
    with tampering():
        AuditEntry.objects.filter(seq__gte=entries[3].seq).delete()

    # then
    with pytest.raises(CommandError, match=f"broken at entry {entries[3].seq}: .* missing"):
        call_command("audit", "verify")


def test_a_published_copy_proves_a_rewrite_after_the_heads_were_removed(
    db, signing_key, client, tmp_path
):
    # given: a reader keeps the published heads
    entries = _append(6)
    call_command("audit", "anchor")
    document = client.get("/api/v1/audit/heads").json()
    kept = tmp_path / "heads.json"
    kept.write_text(json.dumps(document))
    public_key = tmp_path / "cica.pem"
    public_key.write_text(document["public_key"])

    # when: an intruder rewrites the chain and removes the signed heads
    with tampering():
        rewrite_from(entries[1].seq)
        SignedHead.objects.all().delete()

    # then
    call_command("audit", "verify")  # without the copy, nothing shows
    with pytest.raises(CommandError, match=f"broken at entry {entries[-1].seq}"):
        call_command("audit", "verify", "--heads", str(kept), "--public-key", str(public_key))


def test_a_head_signed_with_another_key_is_reported_as_forged(db, signing_key, tmp_path):
    # given
    _append(2)
    call_command("audit", "anchor")
    forger = tmp_path / "forger.key"
    call_command("audit", "keygen", str(forger))

    # when
    with pytest.raises(CommandError, match="1 signed heads are forged"):
        call_command("audit", "verify", "--public-key", f"{forger}.pub")


def test_the_heads_are_published_with_their_key(db, signing_key, client):
    # given
    entry = _append(2)[-1]
    call_command("audit", "anchor")

    # when
    document = client.get("/api/v1/audit/heads").json()
    page = client.get(reverse("portal:record")).content.decode()

    # then
    assert document["count"] == 1
    assert document["items"][0]["hash"] == entry.hash
    assert document["key_id"] == SignedHead.objects.get().key_id
    assert "BEGIN PUBLIC KEY" in document["public_key"]
    assert entry.hash in page and document["key_id"] in page


def test_a_malformed_copy_of_the_heads_is_refused_by_name(db, signing_key, tmp_path):
    kept = tmp_path / "heads.json"
    kept.write_text(json.dumps({"items": [{"seq": "x"}]}))
    with pytest.raises(CommandError, match="Not a document of signed heads"):
        call_command("audit", "verify", "--heads", str(kept))


def test_a_copy_whose_time_is_not_a_time_is_refused_by_name(db, signing_key, tmp_path):
    kept = tmp_path / "heads.json"
    head = {"seq": 1, "hash": "0" * 64, "at": "yesterday", "key_id": "k", "signature": "AA=="}
    kept.write_text(json.dumps({"items": [head]}))
    with pytest.raises(CommandError, match="Not a document of signed heads"):
        call_command("audit", "verify", "--heads", str(kept))
