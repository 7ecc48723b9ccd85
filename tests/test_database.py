import os

from django.db import connection


def test_the_suite_runs_on_the_database_it_was_given(db):
    """`make test` runs twice: on SQLite, and on PostgreSQL through CICA_DATABASE_URL."""
    url = os.environ.get("CICA_DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"

    assert connection.vendor == expected
