"""Every refusal is recorded (OWASP ASVS level 3 on the decision path).

A denial is logged (logger `cica.authorization`); a signed-in account's denial is also appended to
the audit chain, which no one can edit, beside the entries of the acts that were allowed. The
acts' own transactions have rolled back by then, so the entry is written in its own.
"""

import logging

from django.core.exceptions import PermissionDenied as HttpForbidden
from django.db import DatabaseError, transaction
from django.http import HttpRequest

from cica.core import audit
from cica.core.proxies import client_ip

logger = logging.getLogger("cica.authorization")


def record(request: HttpRequest, reason: str) -> None:
    user = getattr(request, "auth", None) or getattr(request, "user", None)
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
    try:
        with transaction.atomic():
            audit.record(
                actor=user,
                action="authorization.denied",
                obj=user,
                payload={"method": request.method, "path": request.path, "reason": reason},
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
