from django.core.management.base import BaseCommand, CommandError

from cica.core.audit import verify_chain


class Command(BaseCommand):
    help = "Check the audit log: `cica audit verify` walks the hash chain from its start."

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["verify"])

    def handle(self, *args, operation, **options):
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"audit chain broken at entry {report.first_bad_seq}: {report.reason}"
            )
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {report.entries} entries"))
