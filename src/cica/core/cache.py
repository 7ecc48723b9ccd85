"""Costly derived reads (a calendar feed, the CBM review, the rows of the portal's long lists),
built once per state of what they read.

Every change to the record appends an entry to the audit chain naming the type of object it
changed. A cached read declares, once and on itself, what it reads: apps ("meetings") or models
("decisions.decision", whose entries record the effects of decisions on other apps):

    @cached_read("cbm.review", reads=("cbm", "registry", "decisions.decision"))
    def review_of_period(start, end): ...

Its key holds the sequence number and hash of the newest entry about any of those objects (or
about the whole record, such as a load of the reference data) and today's date, on which
statuses depend. An entry goes stale the moment a change it reads is written, with no
invalidation to forget, while a comment on a procedure leaves the meeting feed cached.

This holds only if every write is audited under a type its readers list: a test drives every
write route and fails on a write to a table a read depends on without such an entry
(tests/authz/test_cached_reads.py).
"""

import datetime
import functools
import hashlib
import inspect
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache as once
from typing import ParamSpec, TypeVar, cast

from django.apps import apps as django_apps
from django.core.cache import caches
from django.db import connection
from django.utils import timezone, translation

from cica.core import clock
from cica.core import kept as kept_reads
from cica.core.models import AuditEntry

# Every cached read, by name: what it reads. A template's {% cache %} fragment names one of
# them (the `record_version` filter), so it goes stale with the read whose rows it shows.
READS: dict[str, tuple[str, ...]] = {}
# The newest entries of this request's conditional check, if any (known_entries).
_known: ContextVar[dict[str, "Entry"] | None] = ContextVar("cica_known_entries", default=None)

# An audit entry as a version: its sequence number, hash and time.
Entry = tuple[int, str, datetime.datetime | None]

P = ParamSpec("P")
R = TypeVar("R")


def cached_read(
    name: str, *, reads: tuple[str, ...], kept: bool = False
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare `name`, a read of what `reads` names, and cache the decorated function's result
    by its arguments (hashed into a short, safe key) and the version of what it reads. A
    result must pickle; an exception (a NotFound) is raised, not stored.

    `kept`: a read too costly to build on a reader's request, also kept in the database and
    rebuilt by the worker when what it reads changes (core.kept). Its defaults are what the
    worker builds first: a default meaning "today" is passed as None, so that the same read
    serves every day."""
    if name in READS:
        raise ValueError(f"the cached read {name!r} is declared twice")
    READS[name] = reads

    def declare(read: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(read)
        if kept:
            kept_reads.register(name, read, lambda: version(reads))

        @functools.wraps(read)
        def cached(*args: P.args, **kwargs: P.kwargs) -> R:
            if _from_scratch.get():
                return read(*args, **kwargs)
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            arguments = tuple(bound.arguments.values())
            given = hashlib.sha256(repr(arguments).encode()).hexdigest()[:32]
            current = version(reads)
            key = ":".join(["cica", name, current, given])

            def build() -> R:
                return build_read(name, read, args, kwargs)

            if not kept:
                # get_or_set answers what `read` returned, or its stored copy: an R.
                return cast(R, caches["records"].get_or_set(key, build))
            found = caches["records"].get(key, _MISSING)
            if found is not _MISSING:
                return cast(R, found)
            value, is_current = kept_reads.read(name, given, arguments, current, build)
            if is_current:
                caches["records"].set(key, value)
            return cast(R, value)

        return cached

    return declare


def build_read(name: str, read: Callable[..., R], args: tuple, kwargs: dict) -> R:
    """Build the declared read `name`: every cached read's way to its function (one place for
    a test to watch what each read selects from)."""
    return read(*args, **kwargs)


_MISSING = object()
# Within `from_scratch`: every cached read is built, as if no cache existed.
_from_scratch: ContextVar[bool] = ContextVar("cica_from_scratch", default=False)


@contextmanager
def from_scratch():
    """Within the block, every cached read is built anew and stored nowhere: the work a page
    costs without any cache (what the benchmark's floor replays)."""
    token = _from_scratch.set(True)
    try:
        yield
    finally:
        _from_scratch.reset(token)


@once
def _object_types(reads: tuple[str, ...]) -> tuple[str, ...]:
    types = [""]  # entries about the whole record
    for name in reads:
        if "." in name:
            types.append(django_apps.get_model(name)._meta.label_lower)
        else:
            types += [
                model._meta.label_lower for model in django_apps.get_app_config(name).get_models()
            ]
    return tuple(types)


def object_types(name: str) -> tuple[str, ...]:
    """The audit entries' object types whose newest entry makes the key of the read `name`
    ("" for entries about the whole record)."""
    return _object_types(READS[name])


def tables(name: str) -> frozenset[str]:
    """The database tables the read `name` depends on: those of the models it reads, with
    their many-to-many tables."""
    found = set()
    for read in READS[name]:
        if "." in read:
            models = [django_apps.get_model(read)]
        else:
            models = list(django_apps.get_app_config(read).get_models())
        for model in models:
            found.add(model._meta.db_table)
            found.update(
                field.remote_field.through._meta.db_table
                for field in model._meta.local_many_to_many
            )
    return frozenset(found)


def last_change(reads: tuple[str, ...]) -> str:
    """The newest audit entry about what `reads` names, as its sequence number and hash: one
    query, a lookup in the (object_type, seq) index per type. The hash, which covers the whole
    chain before it, tells apart two entries of one number, such as after a restore to an older
    backup while the server ran."""
    types = _object_types(reads)
    known = _known.get()
    if known is not None and all(type_ in known for type_ in types):
        seq, hash_ = max(known[type_][:2] for type_ in types)
        return f"{seq}-{hash_[:16]}"
    table = AuditEntry._meta.db_table
    newest_of_type = (
        f"(SELECT seq || ':' || hash FROM {table} WHERE object_type = %s ORDER BY seq DESC LIMIT 1)"
    )
    newest = ", ".join([newest_of_type] * len(types))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {newest}", types)
        found = [entry.split(":") for entry in cursor.fetchone() if entry is not None]
    seq, hash_ = max(((int(seq), hash_) for seq, hash_ in found), default=(0, ""))
    return f"{seq}-{hash_[:16]}"


def newest_entries(reads: tuple[str, ...]) -> dict[str, Entry]:
    """The sequence number, hash and time of the newest audit entry of each type of object
    that `reads` names ((0, "", None) for a type without any): one query, as `last_change`'s,
    which also gives the time (an HTTP response's Last-Modified, core.conditional). Its SQL is
    written once per `reads`: building it through the ORM on every request cost more than
    running it."""
    types = _object_types(reads)
    found: dict[str, Entry] = dict.fromkeys(types, (0, "", None))
    with connection.cursor() as cursor:
        cursor.execute(_newest_entries_sql(types), types)
        rows = cursor.fetchall()
    found |= {type_: (seq, hash_, _entry_time(at)) for type_, seq, hash_, at in rows}
    return found


@once
def _newest_entries_sql(types: tuple[str, ...]) -> str:
    table, quote = AuditEntry._meta.db_table, connection.ops.quote_name
    newest_of_type = f"(SELECT seq FROM {table} WHERE object_type = %s ORDER BY seq DESC LIMIT 1)"
    return (
        f"SELECT object_type, seq, hash, {quote('at')} FROM {table}"
        f" WHERE seq IN ({', '.join([newest_of_type] * len(types))})"
    )


def _entry_time(value) -> datetime.datetime:
    """An entry's time as the ORM reads it (SQLite gives text; both give it in UTC)."""
    column, converters = _time_converters()
    for convert in converters:
        value = convert(value, column, connection)
    return value


@once
def _time_converters():
    column = AuditEntry._meta.get_field("at").get_col(AuditEntry._meta.db_table)
    return column, tuple(connection.ops.get_db_converters(column))


@contextmanager
def known_entries(entries: dict[str, Entry]):
    """Within the block, `last_change` answers from `entries` (newest_entries, read for this
    request) for the types they hold, without a query: a GET's conditional check and its cached
    reads cost one query together. Only for a block that writes nothing."""
    token = _known.set(entries)
    try:
        yield
    finally:
        _known.reset(token)


def version(reads: tuple[str, ...]) -> str:
    """What a cached read's key holds beside its arguments: the newest change it reads, today
    (on which statuses depend), the active language and the viewer's time zone."""
    return ":".join(
        [
            last_change(reads),
            clock.today().isoformat(),
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
        ]
    )


def version_of(name: str) -> str:
    """The version of the declared read `name`. A template caches a fragment that shows that
    read's rows with it: {% cache 3600 name "meetings.list"|record_version ... using="records" %}
    (a KeyError for a read never declared)."""
    return version(READS[name])
