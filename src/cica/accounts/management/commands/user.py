from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cica.accounts import actions
from cica.accounts.models import User
from cica.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Manage accounts: cica user add USERNAME --role ROLE [--state ISO2 | --organization CODE]"
        " [--language en|ru]; cica user language USERNAME en|ru"
    )

    def add_arguments(self, parser):
        operations = parser.add_subparsers(dest="operation", required=True)
        add = operations.add_parser("add", help="create an account")
        add.add_argument("username")
        add.add_argument("--role", required=True, choices=User.Role.values)
        affiliation = add.add_mutually_exclusive_group()
        affiliation.add_argument("--state", help="ISO 3166-1 alpha-2 code of the delegate's state")
        affiliation.add_argument("--organization", help="code of the observer's organization")
        add.add_argument("--email", default="")
        add.add_argument(
            "--password", help="set this password (otherwise the account has none yet)"
        )
        add.add_argument(
            "--token", action="store_true", help="print a new API token as the last line"
        )
        languages = list(dict(settings.LANGUAGES))
        add.add_argument(
            "--language", default="en", choices=languages, help="the language of e-mail notices"
        )
        language = operations.add_parser(
            "language", help="set the language of an account's e-mail notices"
        )
        language.add_argument("username")
        language.add_argument("language", choices=languages)

    def handle(self, *args, operation, **options):
        try:
            if operation == "language":
                self._set_language(options["username"], options["language"])
            else:
                self._add(options)
        except DomainError as error:
            field = f"{error.field}: " if error.field else ""
            raise CommandError(f"{field}{error.message}") from error

    def _set_language(self, username: str, language: str) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"username: no account {username}.")
        actions.set_language(acting_user=None, user=user, language=language)
        self.stdout.write(f"{user.username} receives notices in {user.get_language_display()}.")

    def _add(self, options) -> None:
        user = actions.create_user(
            acting_user=None,
            username=options["username"],
            role=options["role"],
            state_code=options["state"],
            organization_code=options["organization"],
            email=options["email"],
            password=options["password"],
            language=options["language"],
        )
        affiliation = f" of {user.affiliation.name}" if user.affiliation else ""
        self.stdout.write(f"Created {user.username} ({user.get_role_display()}{affiliation}).")
        if options["token"]:
            self.stdout.write("API token (shown once):")
            self.stdout.write(actions.issue_api_token(acting_user=None, user=user))
