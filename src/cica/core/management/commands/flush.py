"""Django's `flush`, which empties every table, audit log included: the append-only triggers are
lifted for that one deliberate act (tests empty the database between live-server tests this way)."""

from django.core.management.commands import flush
from django.db import connections

from cica.core import append_only


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        append_only.remove(connection)
        try:
            return super().handle(**options)
        finally:
            append_only.install(connection)
