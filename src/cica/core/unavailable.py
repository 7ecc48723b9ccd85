"""When the database cannot answer (locked beyond its timeout, out of disk, restarting), the
server answers 503 with Retry-After, not a 500 with a traceback.

Nothing partial was written: the request's transaction rolled back with the error. Nothing needs
a manual step either: Django closes a connection that failed, and the next request opens a new
one (CONN_HEALTH_CHECKS).
"""

import errno
import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cica.core.errors import problem

logger = logging.getLogger(__name__)


def is_unavailable(error: BaseException | None) -> bool:
    """A fault of the database or the disk, which passes, not a bug in the request."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def response(request: HttpRequest, error: BaseException) -> HttpResponse:
    logger.warning("database unavailable for %s %s: %s", request.method, request.path, error)
    if request.path.startswith("/api/"):
        answer = problem(
            503,
            "unavailable",
            _("Service unavailable"),
            _("The database is busy or unavailable. Nothing was changed; try again shortly."),
        )
    else:
        # Rendered without the site's base: its user menu would ask the database again.
        answer = HttpResponse(render_to_string("503.html"), status=503)
    answer["Retry-After"] = str(settings.CICA_RETRY_AFTER_SECONDS)
    return answer


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: Django calls it while handling the uncaught exception, in any view or
    middleware; a fault of the database becomes a 503."""
    error = sys.exc_info()[1]
    if error is not None and is_unavailable(error):
        return response(request, error)
    return HttpResponse(render_to_string("500.html"), status=500)
