"""Every refusal is recorded (OWASP ASVS level 3 on the decision path).

A denial is logged (logger `cica.authorization`), each one; a signed-in account's denial is also
appended to the audit chain, which no one can edit, beside the entries of the acts that were
allowed. The acts' own transactions have rolled back by then, so the entry is written in its
own.

The chain takes the first refusal of a kind (one account, method, route and reason) in a window
of an hour; those alike that follow within the hour are only counted (core.models.RefusalCount),
and the next one chained after the hour gives their number (`repeats_before`). A client that is
refused a thousand times a minute adds one entry an hour per kind, not a thousand.
"""

import datetime as dt
import hashlib
import logging
from typing import Any

from django.core.exceptions import PermissionDenied as HttpForbidden
from django.db import DatabaseError, transaction
from django.db.models import F
from django.http import HttpRequest

from cica.core import audit, clock
from cica.core.models import RefusalCount
from cica.core.proxies import client_ip

logger = logging.getLogger("cica.authorization")

WINDOW = dt.timedelta(hours=1)


def _route(request: HttpRequest) -> str:
    """The route's pattern, not the path: ids vary without bound, routes do not."""
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None else request.path


def _repeats_before(user, kind: str) -> int | None:
    """None if a refusal of this kind was chained within the window (this one is counted);
    otherwise the number counted since the last one chained (this one opens a window)."""
    now = clock.now()
    count, created = RefusalCount.objects.get_or_create(
        user=user, kind=kind, defaults={"opened_at": now}
    )
    if created:
        return 0
    count = RefusalCount.objects.select_for_update().get(pk=count.pk)
    if now - count.opened_at < WINDOW:
        RefusalCount.objects.filter(pk=count.pk).update(repeats=F("repeats") + 1)
        return None
    repeats = count.repeats
    count.opened_at, count.repeats = now, 0
    count.save(update_fields=["opened_at", "repeats"])
    return repeats


def record(request: HttpRequest, reason: str) -> None:
    # The API's authenticated account, else the session's user (anonymous too), if any.
    user: Any = getattr(request, "auth", None) or getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    logger.warning(
        "denied %s %s to %s from %s: %s",
        request.method,
        request.path,
        user.username if signed_in else "an anonymous visitor",
        client_ip(request),
        reason,
    )
    if not signed_in:
        return
    route = _route(request)
    kind = hashlib.sha256(f"{request.method} {route} {reason}".encode()).hexdigest()
    try:
        with transaction.atomic():
            repeats = _repeats_before(user, kind)
            if repeats is None:
                return
            audit.record(
                actor=user,
                action="authorization.denied",
                obj=user,
                payload={
                    "method": request.method,
                    "path": request.path,
                    "route": route,
                    "reason": reason,
                    "repeats_before": repeats,
                },
            )
    except DatabaseError:
        # The refusal stands even when it cannot be recorded in the chain; the log has it.
        logger.exception("could not record the denial in the audit chain")


class DenialLog:
    """Records the refusals of HTML views (django.core.exceptions.PermissionDenied, a 403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, HttpForbidden):
            record(request, str(exception) or "permission denied")
