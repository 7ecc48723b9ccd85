"""Costly derived reads (a calendar feed, the CBM review, the rows of the portal's long lists),
built once per state of what they read.

Every change to the record appends an entry to the audit chain naming the type of object it
changed. A cached read names what it reads, apps ("meetings") or models ("decisions.decision",
whose entries record the effects of decisions on other apps); its key holds the sequence number
and hash of the newest entry about any of those objects (or about the whole record, such as a
load of the reference data) and today's date, on which statuses depend. An entry goes stale the
moment a change it reads is written, with no invalidation to forget, while a comment on a
procedure leaves the meeting feed cached.
"""

import hashlib
from collections.abc import Callable
from functools import cache as once

from django.apps import apps as django_apps
from django.core.cache import caches
from django.db import connection
from django.utils import timezone, translation

from cica.core import clock
from cica.core.models import AuditEntry


@once
def _object_types(reads: tuple[str, ...]) -> tuple[str, ...]:
    types = [""]  # entries about the whole record
    for name in reads:
        if "." in name:
            types.append(name)
        else:
            types += [
                model._meta.label_lower for model in django_apps.get_app_config(name).get_models()
            ]
    return tuple(types)


def last_change(reads: tuple[str, ...]) -> str:
    """The newest audit entry about what `reads` names, as its sequence number and hash: one
    query, a lookup in the (object_type, seq) index per type. The hash, which covers the whole
    chain before it, tells apart two entries of one number, such as after a restore to an older
    backup while the server ran."""
    types = _object_types(reads)
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


def version(reads: tuple[str, ...]) -> str:
    """What a cached read's key holds beside its own parts: the newest change it reads, today
    (on which statuses depend), the active language and the viewer's time zone. A template
    caches a fragment with it: {% cache 3600 name record_version ... using="records" %}."""
    return ":".join(
        [
            last_change(reads),
            clock.today().isoformat(),
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
        ]
    )


def by_record(name: str, parts: tuple, build: Callable[[], object], *, reads: tuple[str, ...]):
    """`build()`'s result for this version of what it reads. The parts (ids, filters, as given
    in a request) are hashed into a short, safe key."""
    given = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = ":".join(["cica", name, version(reads), given])
    return caches["records"].get_or_set(key, build)
