from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cica.core import backup
from cica.core.errors import DomainError
from cica.core.roles import SYSTEM


class Command(BaseCommand):
    help = (
        "Write a backup archive to PATH while the server runs: a consistent snapshot of the "
        "database, the attached files and a manifest of checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            manifest = backup.create(path, acting_user=SYSTEM)
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"backup written to {path}: {manifest.vendor} database, "
                f"{len(manifest.members) - 1} files, audit head #{manifest.head_seq}"
            )
        )
