from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "cica.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from cica.core import worker
        from cica.documents import effects, views
        from cica.documents.tasks import extract_pending
        from cica.registry import extensions

        # The effects of decisions this app owns (core.effects).
        effects.register()
        # The text of files whose extraction was lost, as the worker starts.
        worker.catch_up_on_start(extract_pending)
        # A state's page shows its signatures of the founding documents.
        extensions.add_state_section(
            extensions.StateSection(
                position=30, template="documents/_state_founding.html", context=views.state_section
            )
        )
