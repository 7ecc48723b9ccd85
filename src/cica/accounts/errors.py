"""Why accounts and API tokens refuse a request: each reason a code."""

from django.utils.translation import gettext_lazy as _

from cica.core.errors import Conflict, InvalidInput, PermissionDenied


class InvalidAccount(InvalidInput):
    """An account that cannot be created as asked: a missing or wrong affiliation, a taken name."""

    code = "invalid_account"
    default_message = _("The account cannot be created or changed as asked.")


class RecentSecondFactorRequired(PermissionDenied):
    """An officer or delegate makes an API token only just after giving a second factor."""

    code = "recent_second_factor_required"
    default_message = _(
        "Confirm with a code from your authenticator first: an officer or delegate "
        "creates an API token within %(minutes)s minutes of giving one."
    )


class TokenRevoked(Conflict):
    code = "token_already_revoked"
    default_message = _("This token is already revoked.")
