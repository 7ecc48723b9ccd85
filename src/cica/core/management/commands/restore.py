from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cica.core import backup
from cica.core.audit import verify_chain
from cica.core.errors import DomainError
from cica.core.roles import SYSTEM


class Command(BaseCommand):
    help = (
        "Replace the database and the attached files with those of the backup archive at PATH "
        "(checked whole first; a refused restore changes nothing), then verify the audit chain."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, path, interactive, **options):
        if interactive:
            answer = input(f"Replace all data with the backup {path}? Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled")
        try:
            manifest = backup.restore(path, acting_user=SYSTEM)
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"restored, but the audit chain is broken at entry {report.first_bad_seq}: "
                f"{report.reason}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"restored the backup of {manifest.created} (audit head #{manifest.head_seq}); "
                f"audit chain intact: {report.entries} entries"
            )
        )
