from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CbmConfig(AppConfig):
    name = "cica.cbm"
    verbose_name = _("Confidence-building measures")
