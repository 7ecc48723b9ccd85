from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CbmConfig(AppConfig):
    name = "cica.cbm"
    verbose_name = _("Confidence-building measures")

    def ready(self) -> None:
        from cica.cbm import effects, redaction
        from cica.registry import extensions

        # The effects of decisions this app owns (core.effects).
        effects.register()
        # What the audit record withholds of the activities is the CBM app's to say.
        redaction.install()
        # A state's page links to what it coordinates and the activities it held or joined.
        extensions.add_state_section(
            extensions.StateSection(position=20, template="cbm/_state_link.html")
        )
