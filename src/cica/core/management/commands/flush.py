"""Django's `flush`, which empties every table, audit log included: the append-only triggers are
lifted for that one deliberate act (tests empty the database between live-server tests this way).
The database cache is emptied too, so no sign-in rate limit outlives the data."""

from django.conf import settings
from django.core.cache import caches
from django.core.management.commands import flush
from django.db import connections

from cica.core import append_only


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        append_only.remove(connection)
        try:
            result = super().handle(**options)
        finally:
            append_only.install(connection)
        for alias, cache in settings.CACHES.items():
            if cache["BACKEND"].endswith("DatabaseCache"):
                caches[alias].clear()
        return result
