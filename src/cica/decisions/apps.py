from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "cica.decisions"
    verbose_name = _("Decisions")

    def ready(self):
        # The effects of decisions this app owns (core.effects).
        from cica.decisions import effects

        effects.register()
