from django.core.management import call_command
from django.core.management.base import BaseCommand

from cica.decisions.actions import settle_due_procedures
from cica.documents.tasks import extract_pending


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
        # Adoptions whose scheduled task was lost (a restored backup, say) are caught up first.
        settle_due_procedures()
        extract_pending()
        call_command(
            "db_worker",
            batch=batch,
            reload=False,
            startup_delay=False,
            verbosity=options["verbosity"],
        )
