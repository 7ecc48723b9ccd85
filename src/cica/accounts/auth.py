"""API authentication: `Authorization: Bearer <token>`, or the site's session."""

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from cica.accounts import rules, tokens
from cica.accounts.models import ApiToken, User
from cica.core import clock


class SignedInRequest(HttpRequest):
    """The request of a view behind login_required: its user is an account, never anonymous.
    For the `request` parameter's annotation only, as core.api.AuthenticatedRequest."""

    user: User


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=tokens.digest(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = clock.now()
        refusal = rules.token_refusal(
            revoked_at=found.revoked_at, expires_at=found.expires_at, now=now
        )
        if refusal is not None:
            # The 401 says why (cica.core.api): the owner knows to make a new one.
            # HttpRequest takes any attribute; core.api reads this one with getattr.
            request.token_refusal = REFUSALS[refusal]  # type: ignore[attr-defined]
            return None
        if rules.use_to_record(found.last_used_at, now):
            # One conditional write a minute at most, whatever the number of requests.
            ApiToken.objects.filter(pk=found.pk).filter(
                Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - rules.TOKEN_USE_RESOLUTION)
            ).update(last_used_at=now)
        request.user = found.user
        return found.user


REFUSALS = {
    "revoked": _lazy("This token has been revoked. Create a new one on your account's page."),
    "expired": _lazy("This token has expired. Create a new one on your account's page."),
}


class SessionAuth(NinjaSessionAuth):
    """The site's signed-in session, whose unsafe requests must carry the CSRF token (403).

    A request with no signed-in session has no credentials for a forger to borrow: ninja's
    SessionAuth would still check its CSRF token and answer 403 "CSRF check failed"; this one
    finds no credentials, so the request gets 401 and `WWW-Authenticate: Bearer` (RFC 9110
    15.5.2, RFC 6750 3).
    """

    def _get_key(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        try:
            return super()._get_key(request)
        except HttpError as error:
            raise HttpError(
                403,
                _(
                    "CSRF check failed: a signed-in session sends its CSRF token "
                    "(X-CSRFToken header); an API client sends a bearer token instead."
                ),
            ) from error


def reader(request: HttpRequest):
    """Who reads a public operation, whose answer may depend on it: the bearer token's user if
    one is sent, else the session's (anonymous too)."""
    return BearerToken()(request) or request.user


# Token first: a token-authenticated request needs no CSRF token; a session-authenticated one does.
api_auth = [BearerToken(), SessionAuth()]
