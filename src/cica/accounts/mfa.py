"""Second factors at rest: TOTP secrets and recovery-code seeds are encrypted with a key kept
outside the database.

allauth passes every secret of an authenticator through its MFA adapter's `encrypt` and `decrypt`
hooks; this adapter encrypts with Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) under
the key in CICA_MFA_KEY_FILE. The key is never in the database nor in `cica backup`'s archive, so
a copy of either holds no usable second factor; encryption is authenticated, so whoever can write
to the database still cannot plant a secret of their own.

The key file is made (owner-only) the first time a secret is stored, or by `cica init`, unless the
database already holds secrets encrypted with a key: a lost key must be restored, never replaced
by a new one that would lock every officer and delegate out without saying why.
"""

import functools
import os
import tempfile
from pathlib import Path

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

# Marks a stored value as encrypted: what lacks it is a secret stored before encryption.
PREFIX = "fernet:"
# The fields of an authenticator's data that hold secrets, by authenticator type.
SECRET_FIELDS = {"totp": ("secret",), "recovery_codes": ("seed",)}
# Codes migrated from another library, kept as a list.
SECRET_LISTS = {"recovery_codes": ("migrated_codes",)}


def is_encrypted(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def _secrets_of(data: dict, kind: str) -> list:
    values = [data[field] for field in SECRET_FIELDS.get(kind, ()) if field in data]
    for field in SECRET_LISTS.get(kind, ()):
        values += data.get(field) or []
    return values


def _holds_encrypted_secrets(authenticators) -> bool:
    for kind, data in authenticators.values_list("type", "data"):
        if any(is_encrypted(value) for value in _secrets_of(data or {}, kind)):
            return True
    return False


def _authenticators():
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.all()


def _create_key(path: Path) -> None:
    """Write a new key to `path`, owner-only; if another process got there first, keep its."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix=".mfa-key-")  # mode 0600
    try:
        os.write(descriptor, Fernet.generate_key() + b"\n")
        os.fsync(descriptor)
        os.close(descriptor)
        # A hard link appears whole or not at all, and never replaces a file.
        os.link(partial, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(partial)


def ensure_key(authenticators=None) -> bool:
    """Make the key file if it is missing and may be made; answer whether it was made.

    Raises ImproperlyConfigured if it is missing while the database holds encrypted secrets.
    `authenticators` is the queryset to look in (a migration passes its historical model's).
    """
    path = Path(settings.CICA_MFA_KEY_FILE)
    if path.exists():
        return False
    if _holds_encrypted_secrets(_authenticators() if authenticators is None else authenticators):
        raise ImproperlyConfigured(
            f"CICA_MFA_KEY_FILE {path} is missing, but the database holds two-factor secrets "
            "encrypted with it: restore the key file from where you keep it (it is in neither "
            "the database nor the backups). A new key would lock out every officer and delegate."
        )
    _create_key(path)
    return True


@functools.cache
def _fernet(path: str) -> Fernet:
    try:
        return Fernet(Path(path).read_bytes().strip())
    except ValueError as error:
        raise ImproperlyConfigured(f"CICA_MFA_KEY_FILE {path} does not hold a key") from error


def fernet(authenticators=None) -> Fernet:
    ensure_key(authenticators)
    return _fernet(str(settings.CICA_MFA_KEY_FILE))


def encrypt(text: str, authenticators=None) -> str:
    return PREFIX + fernet(authenticators).encrypt(text.encode()).decode()


def decrypt(stored: str, authenticators=None) -> str:
    if not is_encrypted(stored):
        raise ImproperlyConfigured(
            "A two-factor secret is stored unencrypted: run `cica init` (or `cica migrate`), "
            "which encrypts the secrets stored before encryption."
        )
    try:
        return fernet(authenticators).decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            f"A two-factor secret does not open with the key in CICA_MFA_KEY_FILE "
            f"({settings.CICA_MFA_KEY_FILE}): is it the key these secrets were stored with?"
        ) from error


class MFAAdapter(DefaultMFAAdapter):
    """allauth's MFA adapter, which stores authenticators' secrets encrypted."""

    def encrypt(self, text: str) -> str:
        return encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text)


def _convert(authenticators, change) -> int:
    """Pass every secret of every authenticator through `change`; answer the rows changed."""
    changed = 0
    for pk, kind, data in authenticators.values_list("pk", "type", "data"):
        data = dict(data or {})
        new = {field: change(data[field]) for field in SECRET_FIELDS.get(kind, ()) if field in data}
        for field in SECRET_LISTS.get(kind, ()):
            if data.get(field):
                new[field] = [change(value) for value in data[field]]
        if any(new[field] != data[field] for field in new):
            authenticators.filter(pk=pk).update(data={**data, **new})
            changed += 1
    return changed


def encrypt_stored_secrets(authenticators=None) -> int:
    """Encrypt the secrets stored before encryption (a migration runs this: `cica init` and
    `cica migrate`); the encrypted ones stay as they are. Answer the authenticators changed.

    On SQLite the old values are overwritten, not only unlinked (secure_delete): otherwise their
    bytes could linger in the file's free space, and so in every backup of it.
    """
    authenticators = _authenticators() if authenticators is None else authenticators
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
    try:
        return _convert(
            authenticators,
            lambda value: value if is_encrypted(value) else encrypt(value, authenticators),
        )
    finally:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA secure_delete = OFF")


def decrypt_stored_secrets(authenticators=None) -> int:
    """The reverse, for a migration undone."""
    authenticators = _authenticators() if authenticators is None else authenticators
    return _convert(
        authenticators,
        lambda value: decrypt(value, authenticators) if is_encrypted(value) else value,
    )
