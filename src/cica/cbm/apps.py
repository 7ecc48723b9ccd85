from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CbmConfig(AppConfig):
    name = "cica.cbm"
    verbose_name = _("Confidence-building measures")

    def ready(self):
        # The effects of decisions this app owns (core.effects).
        from cica.cbm import effects

        effects.register()
