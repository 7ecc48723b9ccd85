"""Sessions: shorter for those who act on the record."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in

from cica.accounts.permissions import needs_two_factor


def shorten_privileged_sessions(sender, request, user, **kwargs) -> None:
    """Officers' and delegates' sessions end CICA_PRIVILEGED_SESSION_SECONDS after their last
    change, not the general SESSION_COOKIE_AGE. (Django gives each sign-in a new session key.)"""
    if request is not None and needs_two_factor(user):
        request.session.set_expiry(settings.CICA_PRIVILEGED_SESSION_SECONDS)


def connect() -> None:
    user_logged_in.connect(shorten_privileged_sessions, dispatch_uid="cica-privileged-sessions")
