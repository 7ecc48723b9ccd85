"""What every app's HTML views share."""

import re
from collections.abc import Callable, Mapping

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from cica.core.errors import DomainError, PermissionDenied


def run_action(request, form, action, success_message, **kwargs):
    """Run an action for the signed-in user and return its result (True if it returns nothing).

    A refusal of permission is a 403 (shown beside the field of the form it names, if it names
    one, such as the Chair's instruction the Secretariat must give); any other DomainError goes
    back to the form, beside the field it names (its HTTP status as `form.error_status`), and
    None is returned. Success is flashed as a message.
    """
    try:
        result = action(acting_user=request.user, **kwargs)
    except PermissionDenied as error:
        if error.field not in form.fields:
            raise  # the 403 page (core.middleware)
        form.add_error(error.field, str(error.message))
        form.error_status = error.status
        return None
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error.message))
        form.error_status = error.status
        return None
    messages.success(request, success_message)
    return result if result is not None else True


def integer_parameter(request, name: str, *, low: int, high: int, default=None):
    """The query parameter `name` as a whole number from `low` to `high` (`default` if absent or
    blank). Anything else names no page: 404. Read as it came, a year 0 or 99999 reached the
    database as a date, and "abc" reached int(): each a 500."""
    value = request.GET.get(name, "")
    if not value:
        return default
    # ASCII digits only: int() also reads other scripts' digits and signs.
    if not re.fullmatch(r"[0-9]{1,9}", value) or not low <= int(value) <= high:
        raise Http404(
            _("%(name)s must be a whole number from %(low)s to %(high)s.")
            % {"name": name, "low": low, "high": high}
        )
    return int(value)


def dispatch_post(
    request: HttpRequest,
    handlers: Mapping[str, Callable[..., HttpResponse]],
    *,
    action: str | None = None,
    default: str | None = None,
    **context,
) -> HttpResponse:
    """Answer a POST that does one of several things: `handlers[name](request, **context)`.

    The name is the URL's when it carries one (`action`; one no handler has names no page: 404);
    otherwise the posted `action` field, or the name of the submit button pressed (a posted field
    named after a handler), or `default`. A posted name no handler has is a 400.
    """
    if action is not None:
        if action not in handlers:
            raise Http404
        return handlers[action](request, **context)
    name = request.POST.get("action") or next(
        (name for name in handlers if name in request.POST), default
    )
    if name is None or name not in handlers:
        raise BadRequest(_("This form does nothing of that name."))
    return handlers[name](request, **context)
