from django.core.management.base import BaseCommand
from django.db import transaction

from cica.documents import search
from cica.documents.models import Document


class Command(BaseCommand):
    help = "Rebuild the full-text index of the documents (after a restore or an upgrade)."

    def handle(self, *args, **options):
        with transaction.atomic():
            search.rebuild()
        self.stdout.write(f"Indexed {Document.objects.count()} documents in English and Russian.")
