from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cica.core"
    verbose_name = _("Core")

    def ready(self):
        from cica.core import kept, worker

        # The costly reads, rebuilt where the record moved past them while no worker ran.
        worker.catch_up_on_start(kept.enqueue_kept_reads)
