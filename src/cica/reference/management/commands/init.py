from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cica.accounts import mfa
from cica.core.catalogues import compile_catalogues
from cica.core.roles import SYSTEM
from cica.reference.actions import load_reference
from cica.reference.loader import ReferenceDataError


class Command(BaseCommand):
    help = (
        "Compile the translations where needed, create or migrate the database, load the CICA "
        "reference data, collect static files."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-reference", action="store_true", help="do not (re)load the reference data"
        )

    def handle(self, *args, no_reference=False, verbosity=1, **options):
        self._compile_translations()
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        self._ensure_mfa_key()
        if not no_reference:
            try:
                report = load_reference(acting_user=SYSTEM)
            except ReferenceDataError as error:
                raise CommandError(str(error)) from error
            summary = ", ".join(f"{count} {name}" for name, count in report.counts.items())
            self.stdout.write(f"Loaded {report.path}: {summary}")
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS("The database is ready."))

    def _ensure_mfa_key(self) -> None:
        """The key of the second factors' secrets (migrate encrypted those stored without)."""
        try:
            created = mfa.ensure_key()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if created:
            self.stdout.write(
                f"Made the key of the two-factor secrets: {settings.CICA_MFA_KEY_FILE}. Keep a "
                "copy apart from the database and its backups: without it, no one signs in with "
                "an authenticator."
            )

    def _compile_translations(self) -> None:
        """Build a catalogue that is missing or older than its .po (a source checkout, where
        `*.mo` is not kept): without it, /ru/ would serve English. Babel, not GNU msgfmt."""
        for locale_dir in settings.LOCALE_PATHS:
            try:
                for mo in compile_catalogues(locale_dir):
                    self.stdout.write(f"Compiled {mo}")
            except OSError as error:
                # A package installed read-only ships its catalogues compiled (setup.py).
                self.stderr.write(f"Could not compile the translations in {locale_dir}: {error}")
