"""The language of an account's e-mail notices: English or Russian, CICA's working languages
(cica.yaml `languages`: seed-004, crntt-rop); set by the user on the portal or by the
Secretariat with `cica user`."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from cica.accounts import actions
from cica.accounts.models import User
from cica.core.errors import InvalidInput, PermissionDenied
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM


def test_an_account_reads_english_unless_told_otherwise(db):
    user = actions.create_user(acting_user=SYSTEM, username="x", role="secretariat")

    assert user.language == "en"


def test_user_add_sets_the_language(db):
    call_command("user", "add", "ana", "--role", "delegate", "--state", "KZ", "--language", "ru")

    assert User.objects.get(username="ana").language == "ru"


def test_user_language_changes_it_and_is_audited(db, delegate, capsys):
    call_command("user", "language", "delegate", "ru")

    delegate.refresh_from_db()
    assert delegate.language == "ru"
    assert "delegate" in capsys.readouterr().out
    entry = AuditEntry.objects.filter(action="accounts.set_language").get()
    assert entry.payload == {"language": "ru"}


def test_user_language_names_an_unknown_account(db):
    with pytest.raises(CommandError, match=r"^username: "):
        call_command("user", "language", "nobody", "ru")


def test_an_unknown_language_is_refused_naming_the_field(db, delegate):
    with pytest.raises(InvalidInput) as raised:
        actions.set_language(acting_user=SYSTEM, user=delegate, language="fr")

    assert raised.value.field == "language"


def test_nobody_sets_another_users_language_but_the_secretariat(db, delegate, observer):
    with pytest.raises(PermissionDenied):
        actions.set_language(acting_user=observer, user=delegate, language="ru")


def test_a_signed_in_user_who_switches_the_portal_to_russian_gets_notices_in_russian(db, delegate):
    client = Client()
    client.force_login(delegate)

    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/ru/"})

    assert response.status_code == 302
    delegate.refresh_from_db()
    assert delegate.language == "ru"


def test_an_anonymous_visitor_switches_the_language_as_before(db):
    response = Client().post("/i18n/setlang/", {"language": "ru", "next": "/ru/"})

    assert response.status_code == 302
    assert response["Location"] == "/ru/"
