"""No CSV of the application carries a cell a spreadsheet reads as a formula (OWASP, "CSV
injection"): every one is written by core.csvfile, which quotes text that could start one and
leaves numbers and dates as they are."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from cica.api import api
from cica.cbm.models import Dimension, PriorityArea
from cica.core.csvfile import csv_text, neutralise
from cica.documents.models import Document
from cica.meetings import actions as meetings
from cica.reference.management.commands.export import TABLES
from cica.registry.models import Body, BodyName, PostHolder
from tests import factories

# The classic payload: a formula that runs a program in an old spreadsheet.
FORMULA = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("-5", "'-5"),  # text: a spreadsheet cannot tell it from a formula's start
        (-5, -5),  # a number: data, kept
        (dt.date(2024, 1, 5), dt.date(2024, 1, 5)),
        ("2024-01-05", "2024-01-05"),
        ("Astana", "Astana"),
        ("a = b", "a = b"),
        ("", ""),
        (None, None),
    ],
)
def test_only_text_that_could_start_a_formula_is_quoted(value, written):
    assert neutralise(value) == written


def test_numbers_and_dates_stay_data_in_the_file():
    text = csv_text(["n", "day", "title"], [[-5, dt.date(2024, 1, 5), "-5"]])

    assert text.splitlines() == ["n,day,title", "-5,2024-01-05,'-5"]


@pytest.fixture
def formulas_everywhere(db, secretariat_officer):
    """A formula in a text of each kind that a CSV of the application shows."""
    state = factories.StateFactory(code="XF", name_en=FORMULA, status="member")
    factories.ChairmanshipFactory(state=state)
    BodyName.objects.filter(body=factories.BodyFactory(key="formula_body")).update(name_en=FORMULA)
    factories.SourceFactory(key="formula-source", title=FORMULA)
    PostHolder.objects.filter(pk=PostHolder.objects.order_by("pk").first().pk).update(
        person_en=FORMULA
    )
    meeting = meetings.create_meeting(
        acting_user=secretariat_officer,
        body=Body.objects.get(key="soc"),
        start_date=dt.date(2026, 3, 10),
        title_en=FORMULA,
        city="@SUM(1+1)",
    )
    meetings.record_delegation(
        acting_user=secretariat_officer, meeting=meeting, state=state, level="minister", head="+1"
    )
    # Slugs may start with a hyphen: keys are text too.
    PriorityArea.objects.create(
        key="-a1", dimension=Dimension.objects.order_by("pk").first(), name="x", position=99
    )
    Document.objects.create(
        key="-b2", type="treaty", title_en="A treaty", status="adopted", date=dt.date(2020, 1, 1)
    )


def _get(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response.content.decode()


def _command(table: str) -> str:
    out = io.StringIO()
    call_command("export", "--format", "csv", "--table", table, stdout=out)
    return out.getvalue()


CSV_ROUTES = [
    "/api/v1/meetings.csv",
    "/api/v1/delegations.csv",
    "/api/v1/cbm/review.csv",
    "/api/v1/documents/matrix.csv",
    "/en/cbm/review.csv",
]
SEEDS = {FORMULA, "@SUM(1+1)", "+1", "-a1", "-b2"}

CSV_FILES = [(_get, route) for route in CSV_ROUTES] + [(_command, table) for table in TABLES]


@pytest.mark.parametrize(("read", "name"), CSV_FILES, ids=[name for _read, name in CSV_FILES])
def test_no_csv_carries_a_formula(formulas_everywhere, read, name):
    # when
    rows = list(csv.reader(io.StringIO(read(name))))

    # then: the seeded text is there, quoted, and no cell starts a formula
    cells = [cell for row in rows for cell in row]
    assert {"'" + seed for seed in SEEDS} & set(cells)
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


def _csv_routes(patterns=None, prefix: str = ""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _csv_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and str(pattern.pattern).endswith(".csv"):
            yield "/" + prefix + str(pattern.pattern)


def test_every_csv_of_the_application_is_checked():
    """A new CSV route (a page or an operation whose answer is text/csv) joins CSV_ROUTES."""
    document = api.get_openapi_schema()
    operations = {
        path
        for path, methods in document["paths"].items()
        for operation in methods.values()
        for status, response in operation.get("responses", {}).items()
        if str(status) == "200" and "text/csv" in response.get("content", {})
    }
    pages = {route.replace("^", "") for route in _csv_routes() if not route.startswith("/api/")}

    assert operations | pages == set(CSV_ROUTES)
