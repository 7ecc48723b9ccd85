"""API authentication: `Authorization: Bearer <token>`, or the site's session."""

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from cica.accounts import tokens
from cica.accounts.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=tokens.digest(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        request.user = found.user
        return found.user


def reader(request: HttpRequest):
    """Who reads a public operation, whose answer may depend on it: the bearer token's user if
    one is sent, else the session's (anonymous too)."""
    return BearerToken()(request) or request.user


# Token first: a token-authenticated request needs no CSRF token; a session-authenticated one does.
api_auth = [BearerToken(), SessionAuth()]
