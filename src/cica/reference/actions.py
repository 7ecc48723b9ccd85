"""Load the reference dataset: all of it in one transaction, or nothing."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from cica.core import audit
from cica.core.errors import SecretariatOnly
from cica.reference import loader, writer
from cica.registry.permissions import can_edit_registry


@dataclass(frozen=True)
class LoadReport:
    path: str
    sha256: str
    counts: dict[str, int]


def load_reference(*, acting_user, path: Path | str | None = None) -> LoadReport:
    """Check the file, then replace the registry's reference records with its content.

    Loading the same file again gives the same registry. Names the Secretariat has edited are
    kept. A malformed file raises ReferenceDataError and changes nothing.
    """
    if not can_edit_registry(acting_user):
        raise SecretariatOnly(_("Only the Secretariat loads reference data."))
    parsed = loader.parse(path or settings.CICA_REFERENCE_PATH)
    with transaction.atomic():
        counts = writer.write(parsed.data)
        audit.record(
            actor=acting_user,
            action="reference.load",
            payload={
                "file": parsed.path.name,
                "sha256": parsed.sha256,
                "supplement_sha256": parsed.supplement_sha256,
                "counts": counts,
            },
        )
    return LoadReport(path=str(parsed.path), sha256=parsed.sha256, counts=counts)
