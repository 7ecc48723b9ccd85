"""The costly-file test's own database, prepared in a child process.

    python -m tests.faults.costlysite

Migrates the database the environment names (CICA_DATA_DIR, or CICA_DATABASE_URL), loads the
CICA data, makes a Secretariat officer with an API token and a document to attach texts to, and
prints one line of JSON: {"token": ..., "document": ...}.
"""

import json
import os

from cica.core.roles import SYSTEM


def prepare() -> dict:
    from django.conf import settings
    from django.core.management import call_command

    from cica.accounts.actions import create_user, issue_api_token
    from cica.documents.actions import create_document
    from cica.reference.actions import load_reference

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    load_reference(acting_user=SYSTEM)
    # `cica serve` collects the static files first unless their manifest exists (see
    # crashsite.py): the test reads the API, which needs none.
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        manifest.write_text(json.dumps({"version": "1.1", "paths": {}, "hash": ""}))
    officer = create_user(acting_user=SYSTEM, username="costly-officer", role="secretariat")
    create_document(
        acting_user=officer, key="costly-texts", type="basic", title_en="Reports of the delegations"
    )
    return {
        "token": issue_api_token(acting_user=SYSTEM, user=officer, name="costly-files probe"),
        "document": "costly-texts",
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cica.settings")
    import django

    django.setup()
    print(json.dumps(prepare()))
