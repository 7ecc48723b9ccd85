from django.core.management import call_command
from django.core.management.base import BaseCommand

from cica.core import worker


class Command(BaseCommand):
    help = (
        "Run background tasks: notices, reminders, adoptions at their deadlines, and the text "
        "of attached PDF and DOCX files."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="run what is due, then exit (for cron and tests)"
        )

    def handle(self, *args, batch=False, **options):
        # Work whose task was lost, each app's (cica.core.worker), before any task is taken.
        worker.catch_up()
        call_command(
            "db_worker",
            batch=batch,
            reload=False,
            startup_delay=False,
            verbosity=options["verbosity"],
        )
