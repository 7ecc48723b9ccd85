"""CSV as open data: a header row, then rows, UTF-8 text."""

import csv
import io
from collections.abc import Iterable


def csv_text(header: list[str], rows: Iterable[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
