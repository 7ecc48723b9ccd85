from django.core.management.base import BaseCommand

from cica.core import kept


class Command(BaseCommand):
    help = (
        "Build the costly reads (the CBM review, the calendar feed, the home page's figures) "
        "that the record has moved past or that were never built, now. The worker does it in "
        "the background; this is for after a load or a restore, before serving."
    )

    def handle(self, *args, **options):
        names: set[str] = set()

        def build(read: kept.Kept) -> None:
            names.add(read.name)
            kept.declared(read.name)()

        kept.build_defaults(build)
        stale = list(kept.stale_keys())
        for key in stale:
            kept.refresh(key)
        self.stdout.write(
            f"{len(names)} kept reads of the default arguments ready; {len(stale)} rebuilt."
        )
