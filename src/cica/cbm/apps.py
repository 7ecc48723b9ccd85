from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CbmConfig(AppConfig):
    name = "cica.cbm"
    verbose_name = _("Confidence-building measures")

    def ready(self) -> None:
        from cica.cbm import redaction

        # What the audit record withholds of the activities is the CBM app's to say.
        redaction.install()
