"""Signed heads: the audit chain anchored outside the database.

`cica audit anchor` signs the chain's head (sequence number, hash, time) with an Ed25519 key kept
in a file outside the database (CICA_AUDIT_KEY_FILE); the portal publishes the signed heads and
the public key. The chain alone shows an edit of some entries; a signed head also shows a rewrite
of the whole table, or the loss of its newest entries, since no one can sign a new head without
the key.
"""

import base64
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from cica.core import audit, clock, roles
from cica.core.errors import ConsoleOnly, InvalidInput
from cica.core.models import AuditEntry, SignedHead


def key_path() -> Path:
    if not settings.CICA_AUDIT_KEY_FILE:
        raise InvalidInput(
            _("Set CICA_AUDIT_KEY_FILE to the path of the signing key (`cica audit keygen PATH`)."),
            field="CICA_AUDIT_KEY_FILE",
        )
    return Path(settings.CICA_AUDIT_KEY_FILE)


def generate_key(path: Path) -> Ed25519PublicKey:
    """Write a new private key to `path` (owner-only) and its public key to `path`.pub."""
    if path.exists():
        raise InvalidInput(_("%(path)s exists: a key is never overwritten.") % {"path": path})
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    Path(f"{path}.pub").write_bytes(public_pem(key.public_key()).encode())
    return key.public_key()


def signing_key() -> Ed25519PrivateKey:
    path = key_path()
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as error:
        raise InvalidInput(
            _("Cannot read the signing key %(path)s: %(error)s") % {"path": path, "error": error},
            field="CICA_AUDIT_KEY_FILE",
        ) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput(_("The signing key is not an Ed25519 key."), field="CICA_AUDIT_KEY_FILE")
    return key


def public_key() -> Ed25519PublicKey | None:
    """The key that checks the heads: `<key file>.pub`, else derived from the key file; `None`
    where no key is configured."""
    if not settings.CICA_AUDIT_KEY_FILE:
        return None
    public_file = Path(f"{settings.CICA_AUDIT_KEY_FILE}.pub")
    if public_file.exists():
        return load_public_key(public_file.read_bytes())
    return signing_key().public_key()


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as error:
        raise InvalidInput(_("Not a PEM public key."), field="public_key") from error
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInput(_("The public key is not an Ed25519 key."), field="public_key")
    return key


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def key_id(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def message(seq: int, hash: str, at: dt.datetime) -> bytes:
    """What is signed: the head as canonical JSON, so anyone can rebuild it from a published
    head."""
    return json.dumps(
        {"at": at.isoformat(), "hash": hash, "seq": seq}, sort_keys=True, separators=(",", ":")
    ).encode()


@transaction.atomic
def anchor(*, acting_user) -> SignedHead:
    """Sign the chain's head now. Only the operator at the server's console holds the key.

    A signed head is itself an append-only record; it is not written into the chain, whose head
    it would move. When the head is already signed with this key, that head is returned.
    """
    if not roles.is_system(acting_user):
        raise ConsoleOnly(_("Only the operator at the server's console signs the record."))
    key = signing_key()
    head = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
    if head is None:
        raise InvalidInput(_("The audit log is empty: there is no head to sign."))
    signer = key_id(key.public_key())
    last = SignedHead.objects.filter(key_id=signer).order_by("-seq", "-at").first()
    if last is not None and last.seq == head.seq and last.hash == head.hash:
        return last
    # Whole seconds: the time must read the same after a trip through any JSON encoder.
    at = clock.now().replace(microsecond=0)
    signature = key.sign(message(head.seq, head.hash, at))
    return SignedHead.objects.create(
        seq=head.seq,
        hash=head.hash,
        at=at,
        key_id=signer,
        signature=base64.b64encode(signature).decode(),
    )


def publication() -> dict:
    """What the portal publishes beside the heads: the PEM public key and its id (None when no
    key is configured)."""
    key = public_key()
    return {
        "public_key": public_pem(key) if key else None,
        "key_id": key_id(key) if key else None,
    }


def list_heads() -> QuerySet[SignedHead]:
    """Every signed head, the newest first: public, they hold no content of the record."""
    return SignedHead.objects.order_by("-seq", "-at")


@dataclass(frozen=True)
class Head:
    """A signed head as published, from the database or from a copy someone kept."""

    seq: int
    hash: str
    at: dt.datetime
    key_id: str
    signature: str

    def signed_by(self, key: Ed25519PublicKey) -> bool:
        try:
            key.verify(base64.b64decode(self.signature), message(self.seq, self.hash, self.at))
        except (InvalidSignature, ValueError):
            return False
        return True


def _datetime(text: str) -> dt.datetime:
    # parse_datetime answers None for what is not a date and time at all.
    at = parse_datetime(text)
    if at is None:
        raise ValueError(f"{text!r} is not a date and time")
    return at


def heads_from_json(document: dict) -> list[Head]:
    """The heads of a published document (GET /api/v1/audit/heads, any page)."""
    try:
        return [
            Head(
                seq=int(item["seq"]),
                hash=str(item["hash"]),
                at=_datetime(item["at"]),
                key_id=str(item["key_id"]),
                signature=str(item["signature"]),
            )
            for item in document["items"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidInput(
            _("Not a document of signed heads: %(error)s") % {"error": error}, field="heads"
        ) from error


def verify(
    key: Ed25519PublicKey | None, kept: Iterable[Head] = ()
) -> tuple[audit.ChainReport, list[Head]]:
    """Walk the chain against the stored heads and the `kept` copies of published heads.

    A head whose signature does not check against `key` is forged: it is returned apart and
    proves nothing. Without a key, heads are compared unchecked.
    """
    stored = [Head(h.seq, h.hash, h.at, h.key_id, h.signature) for h in SignedHead.objects.all()]
    heads: list[Head] = []
    forged: list[Head] = []
    for head in [*stored, *kept]:
        (heads if key is None or head.signed_by(key) else forged).append(head)
    return audit.verify_chain(heads), forged
