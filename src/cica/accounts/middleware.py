"""Officers and delegates act on the record: they sign in with a second factor.

An officer or delegate whose account has no TOTP authenticator yet is sent to set one up before
anything else (their session API calls are refused meanwhile). Once set up, allauth asks for a
code at every sign-in, and a password reset does not sign anyone in, so it cannot skip the code.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from cica.accounts.permissions import needs_two_factor
from cica.core.errors import problem

# Pages an officer without a second factor may still open: setting it up, signing out.
ALLOWED = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "account_reauthenticate",
    "account_logout",
    "set_language",
}


class RequireTwoFactor:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and needs_two_factor(user)):
            return None
        match = request.resolver_match
        if match.url_name in ALLOWED or is_mfa_enabled(user, ["totp"]):
            return None
        if match.namespace == "api":
            return problem(
                403,
                "two_factor_required",
                _("Two-factor sign-in required"),
                _("Set up two-factor sign-in on the portal first, or use an API token."),
            )
        return redirect("mfa_activate_totp")
