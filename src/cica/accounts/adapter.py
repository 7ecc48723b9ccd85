"""How django-allauth fits CICA: the Secretariat makes accounts; no one signs up; sign-in limits
count the client's address behind the trusted proxies."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from cica.core.proxies import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        """The address allauth's rate limits and lockout count (cica.core.proxies)."""
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address
