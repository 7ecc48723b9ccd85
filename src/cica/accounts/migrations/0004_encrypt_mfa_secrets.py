from django.db import migrations


def encrypt(apps, schema_editor):
    from cica.accounts import mfa

    mfa.encrypt_stored_secrets(apps.get_model("mfa", "Authenticator").objects.all())


def decrypt(apps, schema_editor):
    from cica.accounts import mfa

    mfa.decrypt_stored_secrets(apps.get_model("mfa", "Authenticator").objects.all())


class Migration(migrations.Migration):
    """TOTP secrets and recovery-code seeds stored before encryption are encrypted with the key
    in CICA_MFA_KEY_FILE (made here if there is none yet: cica.accounts.mfa)."""

    dependencies = [
        ("accounts", "0003_api_token_name_expiry_last_use"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
