import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cica.accounts import actions, queries, rules
from cica.accounts.models import User
from cica.core import clock
from cica.core.errors import DomainError
from cica.core.roles import SYSTEM


class Command(BaseCommand):
    help = (
        "Manage accounts: cica user add USERNAME --role ROLE [--state ISO2 | --organization CODE]"
        " [--language en|ru]; cica user language USERNAME en|ru;"
        " cica user token add|list|revoke USERNAME ..."
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
            "--token",
            nargs="?",
            const="cica user add",
            metavar="NAME",
            help="print a new API token (named NAME) as the last line",
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

        token = operations.add_parser("token", help="create, list and revoke API tokens")
        token_operations = token.add_subparsers(dest="token_operation", required=True)
        token_add = token_operations.add_parser(
            "add", help="create a token and print it as the last line"
        )
        token_add.add_argument("username")
        token_add.add_argument("--name", required=True, help="what the token is for")
        token_add.add_argument(
            "--days",
            type=int,
            default=settings.CICA_API_TOKEN_DAYS,
            help=f"how long it lasts (default {settings.CICA_API_TOKEN_DAYS}, "
            f"at most {settings.CICA_API_TOKEN_MAX_DAYS})",
        )
        token_list = token_operations.add_parser("list", help="list an account's tokens")
        token_list.add_argument("username")
        token_revoke = token_operations.add_parser("revoke", help="revoke a token at once")
        token_revoke.add_argument("username")
        token_revoke.add_argument("id", type=int, help="the token's id, as `list` shows it")

    def handle(self, *args, operation, **options):
        try:
            if operation == "language":
                self._set_language(options["username"], options["language"])
            elif operation == "token":
                getattr(self, f"_token_{options['token_operation']}")(options)
            else:
                self._add(options)
        except DomainError as error:
            field = f"{error.field}: " if error.field else ""
            raise CommandError(f"{field}{error.message}") from error

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"username: no account {username}.")
        return user

    def _set_language(self, username: str, language: str) -> None:
        user = self._user(username)
        actions.set_language(acting_user=SYSTEM, user=user, language=language)
        self.stdout.write(f"{user.username} receives notices in {user.get_language_display()}.")

    def _add(self, options) -> None:
        user = actions.create_user(
            acting_user=SYSTEM,
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
            self._print_new_token(user, options["token"], settings.CICA_API_TOKEN_DAYS)

    def _print_new_token(self, user: User, name: str, days: int) -> None:
        secret = actions.issue_api_token(acting_user=SYSTEM, user=user, name=name, days=days)
        self.stdout.write(f"API token {name!r} of {user.username}, for {days} days (shown once):")
        self.stdout.write(secret)

    def _token_add(self, options) -> None:
        self._print_new_token(self._user(options["username"]), options["name"], options["days"])

    def _token_list(self, options) -> None:
        user = self._user(options["username"])
        now = clock.now()
        self.stdout.write("id  name  begins with  created  expires  last used  status")
        for token in queries.list_api_tokens(user):
            status = (
                rules.token_refusal(
                    revoked_at=token.revoked_at, expires_at=token.expires_at, now=now
                )
                or "active"
            )
            self.stdout.write(
                "  ".join(
                    [
                        str(token.pk),
                        repr(token.name),
                        f"{token.prefix}…",
                        _when(token.created_at),
                        _when(token.expires_at),
                        _when(token.last_used_at) if token.last_used_at else "never",
                        status,
                    ]
                )
            )

    def _token_revoke(self, options) -> None:
        user = self._user(options["username"])
        token = queries.access_own_api_token(user, options["id"])
        actions.revoke_api_token(acting_user=SYSTEM, token=token)
        self.stdout.write(f"Revoked the token {token.name!r} ({token.prefix}…) of {user.username}.")


def _when(moment) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
