"""TOTP secrets and recovery-code seeds are stored encrypted with a key outside the database
(CICA_MFA_KEY_FILE): neither the database nor a backup archive holds one in the clear, and
signing in with a code or a recovery code works as before, for secrets stored before too."""

import os
import stat
import tarfile
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client

from cica.accounts import actions, mfa
from cica.core import backup
from cica.core.roles import SYSTEM
from tests.conftest import totp_code, with_two_factor

LOGIN = "/en/accounts/login/"
SECOND_FACTOR = "/en/accounts/2fa/authenticate/"
PASSPHRASE = "a long delegate passphrase"


def _stored(user) -> str:
    """The authenticators' data of `user` as the database holds it, read past the ORM."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT data FROM {Authenticator._meta.db_table} WHERE user_id = %s", [user.pk]
        )
        return " ".join(str(row[0]) for row in cursor.fetchall())


def _seed(user) -> str:
    recovery = Authenticator.objects.get(user=user, type="recovery_codes")
    return mfa.decrypt(recovery.data["seed"])


def _signs_in(username: str, code: str) -> bool:
    client = Client()
    client.post(LOGIN, {"login": username, "password": PASSPHRASE})
    return client.post(SECOND_FACTOR, {"code": code}).status_code == 302


def _delegate(username: str):
    return actions.create_user(
        acting_user=SYSTEM, username=username, role="delegate", state_code="KZ", password=PASSPHRASE
    )


def _stored_in_the_clear(user) -> tuple[str, str]:
    """Secrets as stored before encryption: written past allauth's adapter."""
    secret, seed = generate_totp_secret(), RecoveryCodes.generate_seed()
    Authenticator.objects.create(user=user, type="totp", data={"secret": secret})
    Authenticator.objects.create(
        user=user, type="recovery_codes", data={"seed": seed, "used_mask": 0}
    )
    return secret, seed


def test_the_database_holds_no_secret_in_the_clear(delegate):
    # given
    codes = RecoveryCodes.activate(delegate).generate_codes()

    # when
    stored = _stored(delegate)

    # then
    assert delegate.totp_secret not in stored
    assert _seed(delegate) not in stored
    assert not [code for code in codes if code in stored]
    assert stored.count(mfa.PREFIX) == 2


def test_a_code_and_a_recovery_code_still_sign_in(delegate):
    # given
    code = RecoveryCodes.activate(delegate).get_unused_codes()[0]

    # then
    assert _signs_in("delegate", totp_code(delegate.totp_secret))
    assert _signs_in("delegate", code)
    assert not _signs_in("delegate", code)  # once only


def test_secrets_stored_before_encryption_are_encrypted_and_still_sign_in(committed_reference):
    # given
    user = _delegate("delegate-before")
    secret, seed = _stored_in_the_clear(user)

    # when: the migration's step, run by `cica init` and `cica migrate`
    changed = mfa.encrypt_stored_secrets()
    again = mfa.encrypt_stored_secrets()

    # then
    assert (changed, again) == (2, 0)
    stored = _stored(user)
    assert secret not in stored and seed not in stored
    assert _seed(user) == seed  # the same codes as before
    code = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    assert _signs_in("delegate-before", totp_code(secret))
    assert _signs_in("delegate-before", code.generate_codes()[0])


def test_a_backup_archive_holds_no_secret(committed_reference, settings, tmp_path):
    # given: an officer set up since encryption, a delegate whose secrets were encrypted later
    settings.MEDIA_ROOT = tmp_path / "media"
    officer = with_two_factor(
        actions.create_user(
            acting_user=SYSTEM, username="officer-b", role="secretariat", password=PASSPHRASE
        )
    )
    RecoveryCodes.activate(officer)
    before = _delegate("delegate-b")
    secrets = [officer.totp_secret, _seed(officer), *_stored_in_the_clear(before)]
    mfa.encrypt_stored_secrets()
    key = Path(settings.CICA_MFA_KEY_FILE).read_bytes().strip()

    # when
    archive = tmp_path / "cica.backup"
    backup.create(archive, acting_user=SYSTEM)

    # then: no member holds a secret or the key, whatever its place in the file
    with tarfile.open(archive) as opened:
        contents = [opened.extractfile(m).read() for m in opened.getmembers() if m.isfile()]
    assert len(contents) >= 2
    for content in contents:
        assert not [secret for secret in secrets if secret.encode() in content]
        assert key not in content
    assert connection.vendor != "sqlite" or mfa.PREFIX.encode() in contents[1]


def test_the_key_is_made_owner_only(db, settings, tmp_path):
    # given
    settings.CICA_MFA_KEY_FILE = str(tmp_path / "keys" / "mfa.key")

    # when
    made = mfa.ensure_key()
    made_again = mfa.ensure_key()

    # then
    assert (made, made_again) == (True, False)
    assert stat.S_IMODE(os.stat(settings.CICA_MFA_KEY_FILE).st_mode) == 0o600


def test_a_lost_key_is_not_replaced_while_secrets_need_it(db, settings, tmp_path):
    # given: the delegate's secrets are encrypted with a key that is then lost
    settings.CICA_MFA_KEY_FILE = str(tmp_path / "mfa.key")
    with_two_factor(_delegate("delegate-lost"))
    os.remove(settings.CICA_MFA_KEY_FILE)

    # then
    with pytest.raises(ImproperlyConfigured, match="restore the key file"):
        mfa.ensure_key()
    assert not os.path.exists(settings.CICA_MFA_KEY_FILE)


def test_a_secret_planted_in_the_database_opens_nothing(delegate):
    """Whoever can write to the database but has not the key cannot set a secret of their own."""
    with pytest.raises(ImproperlyConfigured):
        mfa.decrypt(generate_totp_secret())
    with pytest.raises(ImproperlyConfigured):
        mfa.decrypt(mfa.PREFIX + "gAAAAA-not-a-token")
