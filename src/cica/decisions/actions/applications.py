"""A state's application for membership or observer status: the first step of admission."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from cica.core import audit, clock, limits
from cica.core.errors import InvalidInput, unique
from cica.decisions import effects, errors, permissions
from cica.decisions.actions._common import _require, _text
from cica.registry import queries as registry
from cica.registry.models import Application, MembershipStatus, Source, State


@transaction.atomic
def record_application(
    *,
    acting_user,
    state: State,
    kind: str,
    date: dt.date,
    note: str = "",
    sources: list[str] | None = None,
) -> Application:
    """A state applies for membership or observer status: the first step of admission."""
    _require(
        permissions.can_record_application(acting_user),
        _("Only the Secretariat records applications."),
    )
    if kind not in Application.Kind.values:
        raise InvalidInput(
            _("Unknown kind; expected one of: %(kinds)s.")
            % {"kinds": ", ".join(Application.Kind.values)},
            field="kind",
        )
    note = _text(note, "note", limits.NOTE, required=False)
    today = clock.today()
    if date > today:
        raise InvalidInput(_("An application cannot be dated in the future."), field="date")
    held = registry.status_on(state, today)
    if held == MembershipStatus.Status.MEMBER or (
        kind == Application.Kind.OBSERVER and held == MembershipStatus.Status.OBSERVER
    ):
        raise errors.StatusAlreadyHeld(effects.already(state, held), field="kind")
    keys = list(dict.fromkeys(str(key).strip() for key in sources or [] if str(key).strip()))
    cited = list(Source.objects.filter(key__in=keys))
    if len(cited) != len(keys):
        unknown = sorted(set(keys) - {source.key for source in cited})
        raise InvalidInput(
            _("Unknown sources: %(keys)s.") % {"keys": ", ".join(unknown)}, field="sources"
        )
    if Application.objects.filter(state=state, kind=kind, date=date).exists():
        raise errors.ApplicationRecorded(field="date")
    with unique(errors.ApplicationRecorded(field="date")):
        application = Application.objects.create(state=state, kind=kind, date=date, note=note)
    application.sources.set(cited)
    audit.record(
        actor=acting_user,
        action="decisions.record_application",
        obj=application,
        payload={
            "state": state.code,
            "kind": kind,
            "date": date.isoformat(),
            "note": application.note,
            "sources": keys,
        },
    )
    return application
