"""A domain error raised in an HTML view becomes its page, so views need not catch them."""

from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404
from django.shortcuts import render

from cica.core import denials
from cica.core.errors import TITLES, DomainError, ErrorCode


class DomainErrorMiddleware:
    """NotFound is the site's 404 page and PermissionDenied its 403 page (the refusal
    recorded, as every refusal is: core.denials); a Conflict or an InvalidInput is a 409 or
    422 page that shows the message in the language of the page.

    A view that shows an error beside the field of its form catches it itself (core.views
    run_action): a form's error is not a page. The API answers its own (core.api).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        if exception.category == ErrorCode.NOT_FOUND:
            raise Http404(exception.message) from exception
        if exception.category == ErrorCode.PERMISSION_DENIED:
            # Raised from here, the 403 passes no other middleware's process_exception, so
            # core.denials.DenialLog would not see it: recorded here.
            denials.record(request, exception.message)
            raise HttpForbidden(exception.message) from exception
        context = {"title": TITLES[exception.category], "message": exception.message}
        return render(request, "refused.html", context, status=exception.status)
