from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "cica.decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from cica.core import worker
        from cica.decisions import admission, effects, views
        from cica.registry import extensions

        # The effects of decisions this app owns (core.effects).
        effects.register()
        # Adoptions whose scheduled task was lost (a restored backup, say), as the worker starts.
        worker.catch_up_on_start(_settle_due_procedures)
        # A state's detail in the registry shows where it stands in admission.
        extensions.provide_state_workflow(admission.state_workflow)
        extensions.add_state_section(
            extensions.StateSection(
                position=10, template="decisions/_state_workflow.html", context=views.state_section
            )
        )


def _settle_due_procedures() -> None:
    from cica.decisions.actions.adoption import settle_due_procedures

    settle_due_procedures()
