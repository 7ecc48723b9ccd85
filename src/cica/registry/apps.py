from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "cica.registry"
    verbose_name = _("Registry")

    def ready(self):
        # The effects of decisions this app owns (core.effects).
        from cica.registry import effects

        effects.register()
