from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cica.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from cica.accounts import sessions

        sessions.connect()
