"""Costly reads kept current by the background worker, never rebuilt on a reader's request.

A cached read declared `kept=True` (core.cache: the CBM review, the calendar feed, the home
page's figures) is also stored whole in the database (KeptRead), so every worker and machine
shares it and a restart keeps it. When what it reads changes, its readers go on getting the
version last built, at once, while a task of `cica worker` builds the next one; the stored
version is replaced only when its successor is ready. A response that shows a version older
than the record is marked as such (`noticing_stale`), so that no validator or shared copy is
made of it.

Only a read never built (a fresh install, new arguments, a new release whose code may shape it
differently) is built on a request. The worker, as it starts, builds each kept read of its
default arguments in every language, and `cica refresh` builds them all at once.
"""

import logging
import pickle
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django_tasks import task

from cica.core.models import KeptRead
from cica.core.release import release


class Kept:
    """A kept read: the function that builds it and how to find its version."""

    def __init__(self, name: str, build: Callable, version: Callable[[], str]):
        self.name, self.build, self.version = name, build, version


logger = logging.getLogger(__name__)

# Every kept read, by name (core.cache.cached_read adds them).
KEPT: dict[str, Kept] = {}
# Within `noticing_stale`: whether a version older than the record was served.
_stale: ContextVar[list[bool] | None] = ContextVar("cica_stale_served", default=None)
# A task already enqueued for a key and version is not enqueued again for a while.
_REFRESHING_FOR_S = 600


def register(name: str, build: Callable, version: Callable[[], str]) -> None:
    KEPT[name] = Kept(name, build, version)


def row_key(name: str, given: str) -> str:
    """A kept read's row: its name, the hash of its arguments, the language and the time zone
    (a row is one version of one reader's view)."""
    return ":".join(
        [name, given, translation.get_language() or "", timezone.get_current_timezone_name()]
    )


def read(
    name: str, given: str, arguments: tuple, version: str, build: Callable[[], object]
) -> tuple[object, bool]:
    """The read `name` of `arguments` (hashed as `given`) and whether it is of `version`, the
    record as it is now. A row of another version whose last build took longer than
    CICA_KEPT_INLINE_MS is answered as it is and its rebuild enqueued; a quicker one, or a read
    never built, is built by `build` now."""
    key = row_key(name, given)
    row = (
        KeptRead.objects.filter(key=key)
        .values_list("version", "release", "value", "build_ms")
        .first()
    )
    if row is not None and row[0] == version and row[1] == release()[0]:
        return pickle.loads(row[2]), True
    if row is None or row[1] != release()[0] or row[3] <= settings.CICA_KEPT_INLINE_MS:
        return _store(key, name, arguments, version, build), True
    _served_stale()
    if caches["records"].add(f"cica:refreshing:{key}:{version}", True, _REFRESHING_FOR_S):
        transaction.on_commit(lambda: refresh_kept_read.enqueue(key))
    return pickle.loads(row[2]), False


def _store(
    key: str, name: str, arguments: tuple, version: str, build: Callable[[], object]
) -> object:
    """Build a read and keep it, with how long it took; the value built."""
    started = time.perf_counter()
    value = build()
    fields = {
        "build_ms": round((time.perf_counter() - started) * 1000),
        "name": name,
        "module": KEPT[name].build.__module__,
        "arguments": pickle.dumps(arguments),
        "language": translation.get_language() or "",
        "time_zone": timezone.get_current_timezone_name(),
        "version": version,
        "release": release()[0],
        "value": pickle.dumps(value),
        "built_at": timezone.now(),
    }
    try:
        with transaction.atomic():
            KeptRead.objects.update_or_create(key=key, defaults=fields)
    except DatabaseError:
        # A reader still gets what was built when it cannot be kept (a full disk, a replica).
        logger.warning("the read %s could not be kept", name, exc_info=True)
    return value


def refresh(key: str) -> bool:
    """Build the row `key` again if the record changed since; whether it was built."""
    row = KeptRead.objects.filter(key=key).first()
    if row is None:
        return False
    import_module(row.module)  # declares the read, in a worker that has not imported it
    kept = KEPT[row.name]
    with translation.override(row.language), timezone.override(row.time_zone):
        version = kept.version()
        if row.version == version and row.release == release()[0]:
            return False
        arguments = pickle.loads(row.arguments)
        _store(key, row.name, arguments, version, lambda: kept.build(*arguments))
    return True


@task
def refresh_kept_read(key: str) -> None:
    refresh(key)


def stale_keys() -> Iterator[str]:
    for key, name, module, language, zone, version, code in KeptRead.objects.values_list(
        "key", "name", "module", "language", "time_zone", "version", "release"
    ):
        import_module(module)
        with translation.override(language), timezone.override(zone):
            if version != KEPT[name].version() or code != release()[0]:
                yield key


def build_defaults(call: Callable[[Kept], object]) -> None:
    """Call `call` with each kept read, in every language, for its default arguments."""
    import_module(settings.ROOT_URLCONF)  # the views and the API: every kept read declared
    for language, _name in settings.LANGUAGES:
        with translation.override(language), timezone.override(settings.TIME_ZONE):
            for kept in list(KEPT.values()):
                call(kept)


def enqueue_kept_reads() -> None:
    """As the worker starts: enqueue the rebuild of every kept read the record has moved past,
    and of those of the default arguments never built (a fresh install). Enqueued, not built
    here: the worker's other catch-ups (adoptions due at a deadline) come first."""
    for key in stale_keys():
        refresh_kept_read.enqueue(key)
    build_kept_defaults.enqueue()


@task
def build_kept_defaults() -> None:
    build_defaults(lambda kept: declared(kept.name)())


def declared(name: str) -> Callable:
    """The cached read `name` as its module declares it (through both caches)."""
    kept = KEPT[name]
    return getattr(import_module(kept.build.__module__), kept.build.__name__)


@contextmanager
def noticing_stale() -> Iterator[list[bool]]:
    """Within the block, note whether a kept read answered with a version older than the
    record: `[True]` then."""
    seen = [False]
    token = _stale.set(seen)
    try:
        yield seen
    finally:
        _stale.reset(token)


def _served_stale() -> None:
    seen = _stale.get()
    if seen is not None:
        seen[0] = True
