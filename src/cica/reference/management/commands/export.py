import json

from django.core.management.base import BaseCommand, CommandError

from cica.core import clock
from cica.core.csvfile import csv_text
from cica.core.dates import parse_iso_date
from cica.core.errors import InvalidInput
from cica.meetings import export as meetings_export
from cica.registry import export

TABLES = {**export.CSV_TABLES, **meetings_export.CSV_TABLES}


class Command(BaseCommand):
    help = "Write the registry as open data: one JSON document, or a CSV table."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--table",
            choices=list(TABLES),
            default="statuses",
            help="with --format csv: which table (default: the status history)",
        )
        parser.add_argument("--as-of", help="evaluate statuses on this date (YYYY-MM-DD)")
        parser.add_argument("--output", "-o", help="write to this file instead of standard output")

    def handle(self, *args, format, table, as_of, output, **options):
        try:
            date = parse_iso_date(as_of, field="--as-of") if as_of else clock.today()
        except InvalidInput as error:
            raise CommandError(f"{error.field}: {error.message}") from error
        if format == "json":
            text = json.dumps(export.registry_document(date), ensure_ascii=False, indent=2) + "\n"
        else:
            header, rows = TABLES[table]
            text = csv_text(header, rows(date))
        if output:
            with open(output, "w", encoding="utf-8", newline="") as file:
                file.write(text)
        else:
            self.stdout.write(text, ending="")
