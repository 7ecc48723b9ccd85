"""What the actions of decision-making share: the permission check, the text of a field, the
receipt of an act, and the lock and status check of a procedure."""

import datetime as dt

from django.utils.translation import gettext as _

from cica.core import limits
from cica.core.errors import InvalidInput, PermissionDenied
from cica.decisions import errors
from cica.decisions.models import Procedure
from cica.decisions.queries import status_of

Status = Procedure.Status


def _require(allowed: bool, message, reason: type[PermissionDenied] = PermissionDenied) -> None:
    if not allowed:
        raise reason(message)


def _text(value: str | None, field: str, limit: int, *, required: bool = True) -> str:
    """The text stripped; refused if required and blank, or longer than `limit` (core.limits)."""
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(_("This field is required."), field=field)
    return limits.check(text, limit, field=field)


def _receipted(record, entry) -> None:
    """Stamp an act with the record entry that proves it."""
    record.receipt_seq, record.receipt_hash = entry.seq, entry.hash
    record.save(update_fields=["receipt_seq", "receipt_hash"])


def _lock(procedure: Procedure) -> Procedure:
    """Re-read the procedure under a row lock (PostgreSQL) or the write lock (SQLite)."""
    return Procedure.objects.select_for_update().get(pk=procedure.pk)


def _check_open(procedure: Procedure, now: dt.datetime) -> None:
    status = status_of(procedure, now)
    if status != Status.OPEN:
        reason = errors.SilenceBroken if status == Status.BROKEN else errors.ProcedureNotOpen
        raise reason(field="procedure", status=Procedure.Status(status).label)
