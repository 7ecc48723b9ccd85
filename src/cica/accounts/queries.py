"""Reads of accounts, scoped to who reads."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cica.accounts.models import ApiToken, User
from cica.core.errors import NotFound


def list_api_tokens(user: User) -> QuerySet[ApiToken]:
    """The account's own tokens, newest first."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def access_own_api_token(user: User, token_id: int) -> ApiToken:
    """One of the account's own tokens; another account's does not exist for it (404)."""
    token = list_api_tokens(user).filter(pk=token_id).first()
    if token is None:
        raise NotFound(_("No such token."), field="token")
    return token
