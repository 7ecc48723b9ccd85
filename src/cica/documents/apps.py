from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "cica.documents"
    verbose_name = _("Documents")

    def ready(self):
        # The effects of decisions this app owns (core.effects).
        from cica.documents import effects

        effects.register()
