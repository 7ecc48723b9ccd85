"""The floors the benchmark measures its targets against, as WSGI apps for gunicorn.

`app` is the physical floor: for each target (its method and path) it runs the very SQL
statements Django ran to build it from scratch, with the cache of derived reads switched off
(recorded by bench/run.py), on the same database, inside a transaction it rolls back, and
serialises the rows with orjson. No framework, no ORM, no templates, no cache.

`django_app` is Django itself with no middleware and one view returning a constant: what any
Django request costs before the application does anything.

Environment: BENCH_TARGETS (the JSON file of recorded statements), and either BENCH_SQLITE
(the database file) or BENCH_POSTGRES (a libpq connection string).
"""

import datetime
import decimal
import json
import os
import re

import orjson

_QMARK = re.compile(r"(?<!%)%s")
_connection = None
_targets = None


def _connect():
    global _connection, _targets
    if _connection is not None:
        return _connection
    with open(os.environ["BENCH_TARGETS"], encoding="utf-8") as file:
        recorded = json.load(file)
    if os.environ.get("BENCH_POSTGRES"):
        import psycopg

        _connection = psycopg.connect(os.environ["BENCH_POSTGRES"])
        _targets = {path: target["statements"] for path, target in recorded.items()}
    else:
        import sqlite3

        _connection = sqlite3.connect(os.environ["BENCH_SQLITE"], isolation_level=None)
        # The pragmas Django's settings give every connection.
        _connection.execute("PRAGMA journal_mode=WAL")
        _connection.execute("PRAGMA synchronous=NORMAL")
        _connection.execute("PRAGMA busy_timeout=5000")
        # Django's SQLite cursor turns %s into ? and %% into %.
        _targets = {
            path: [
                (_QMARK.sub("?", sql).replace("%%", "%"), params)
                for sql, params in target["statements"]
            ]
            for path, target in recorded.items()
        }
    return _connection


def _default(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return str(value)


def app(environ, start_response):
    connection = _connect()
    path = environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    method = environ.get("REQUEST_METHOD", "GET")
    statements = _targets.get(f"{method} {path}?{query}" if query else f"{method} {path}")
    if statements is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"no such target"]
    rows = []
    cursor = connection.cursor()
    try:
        cursor.execute("BEGIN")
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description is not None:
                rows.append(cursor.fetchall())
    finally:
        cursor.execute("ROLLBACK")
    body = orjson.dumps({"rows": rows}, default=_default)
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]


def _django():
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="floor",
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        USE_TZ=True,
    )
    import django
    from django.core.wsgi import get_wsgi_application

    django.setup()
    return get_wsgi_application()


def constant(request):
    from django.http import HttpResponse

    return HttpResponse(b'{"constant": true}', content_type="application/json")


def _urlpatterns():
    from django.urls import path

    return [path("", constant), path("<path:anything>", constant)]


if os.environ.get("BENCH_FLOOR") == "django":
    django_app = _django()
    urlpatterns = _urlpatterns()
