"""CSV as open data: a header row, then rows, UTF-8 text.

Every CSV of the application is written here, so that no cell is read as a formula by a
spreadsheet (OWASP, "CSV injection"): text that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return (or the full-width `＝ ＋ － ＠` some spreadsheets also take) gets a single quote
before it. Only text is touched: a number or a date is written as it is, so `-5` in a column of
numbers stays -5, and an ISO date stays a date; the same `-5` as text (a title, a name) is written
`'-5`, as a spreadsheet could not tell it from the start of a formula.
"""

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value):
    """`value` as a spreadsheet reads it as data: text that could start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: list[str], rows: Iterable[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(name) for name in header])
    writer.writerows([neutralise(value) for value in row] for row in rows)
    return out.getvalue()
