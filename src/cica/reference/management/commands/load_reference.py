from django.core.management.base import BaseCommand, CommandError

from cica.core.roles import SYSTEM
from cica.reference.actions import load_reference
from cica.reference.loader import ReferenceDataError


class Command(BaseCommand):
    help = "Load a reference YAML file (default: the bundled CICA data) in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="the YAML file (default: the bundled data)")

    def handle(self, *args, path=None, **options):
        try:
            report = load_reference(acting_user=SYSTEM, path=path)
        except ReferenceDataError as error:
            raise CommandError(f"{error}\nNothing was loaded.") from error
        summary = ", ".join(f"{count} {name}" for name, count in report.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded {report.path}: {summary}"))
