from django.core.management.base import BaseCommand

from cica.decisions.actions.adoption import settle_due_procedures


class Command(BaseCommand):
    help = "Record every silence procedure whose deadline has passed unbroken as adopted."

    def handle(self, *args, **options):
        for decision in settle_due_procedures():
            self.stdout.write(f"adopted {decision.symbol}: {decision.title}")
