"""What an adopted decision does: one effect per kind of decision, each owned by the app it changes.

An app registers the effects it owns from its own `effects.py`, imported by its AppConfig.ready(),
so no import points up: the registry admits members and renames bodies, the documents register
adopts documents, the CBM assigns coordinators, and decisions keeps only the driver that looks an
effect up, checks its parameters when a draft is made and applies it when the decision is adopted
(cica.decisions.effects). A kind's key is its `Draft.Kind` value.

An effect is applied by the authority of the adopted decision, not a user's permission: the
owning app's action takes the decision (`require_authority`) and the actor the driver passes on.

A prerequisite is what must be done before an effect may apply, recorded by another app: the
candidate's signatures of the founding documents before an admission (inform-3990035, utv-2018),
registered by documents for the kind `admit_member`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, cast

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, ValidationError

from cica.core.dates import Precision, parse_iso_date
from cica.core.errors import InvalidInput, PermissionDenied


class Params(Schema):
    """An effect's parameters: what a draft of its kind names (`{"kind": ..., "effect": {...}}`).

    Unknown members are ignored, as they were before effects had schemas.
    """

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


def lazy_text(text: Promise) -> str:
    """A lazy translation as a parameter's title or description, which pydantic's stubs type as
    str: it stays lazy, read in the active language when a form or the OpenAPI document is made."""
    return cast(str, text)


def _iso_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return parse_iso_date(value, field="")
    except InvalidInput as error:
        raise ValueError(str(error.message)) from None


# A day given as YYYY-MM-DD (empty: none).
EffectDate = Annotated[dt.date | None, BeforeValidator(_iso_date)]


@dataclass(frozen=True)
class Outcome:
    """What applying an effect did: the row it created, if any, or why it changed nothing.

    `note` is stored with the decision in English, like the reference data's notes; a note means
    the effect was not applicable when the decision was adopted.
    """

    record: models.Model | None = None
    note: str = ""


@dataclass(frozen=True)
class Effect:
    """The effect of one kind of decision.

    `check(params, *, today) -> dict` validates the parameters of a draft (InvalidInput naming
    `effect.<field>`) and returns them as stored; `apply(decision, params, *, actor) -> Outcome`
    changes the owning app through its action. `changes` is false for a kind that changes nothing
    (a statement): its decisions record no effect.
    """

    kind: str
    params: type[Params]
    check: Callable[..., dict]
    apply: Callable[..., Outcome]
    changes: bool = True


@dataclass(frozen=True)
class Prerequisite:
    """One step another app records that must come before an effect applies.

    `record` is the object the step is about (the founding document), `done` whether it was
    taken by the date asked; the rest says when and on what basis, as the step's page shows it.
    """

    key: str
    title: str  # in the active language
    title_en: str  # for notes stored with a decision
    done: bool
    record: Any = None
    date: dt.date | None = None
    precision: str = Precision.DAY
    basis: str = ""
    sources: list[str] = field(default_factory=list)
    note: str = ""


_EFFECTS: dict[str, Effect] = {}
_PREREQUISITES: dict[str, list[Callable[..., list[Prerequisite]]]] = {}


def register(effect: Effect) -> Effect:
    """Add the effect of a kind; a kind has one effect, so a second registration is a mistake."""
    registered = _EFFECTS.get(effect.kind)
    if registered is not None and registered != effect:
        raise RuntimeError(f"the kind {effect.kind!r} already has an effect")
    _EFFECTS[effect.kind] = effect
    return effect


def registered() -> dict[str, Effect]:
    """Every registered effect by kind, in the order of registration."""
    return dict(_EFFECTS)


def get(kind: str) -> Effect:
    effect = _EFFECTS.get(kind)
    if effect is None:
        raise InvalidInput(_("Unknown kind of draft."), field="kind")
    return effect


def validate(kind: str, values: Any, *, today: dt.date) -> dict:
    """The parameters of a draft of `kind`, typed by its schema then checked by its effect."""
    effect = get(kind)
    if not isinstance(values, dict):
        raise InvalidInput(_("The effect must be an object."), field="effect")
    try:
        params = effect.params.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        name = first["loc"][0] if first["loc"] else ""
        cause = first.get("ctx", {}).get("error")
        message = str(cause) if isinstance(cause, ValueError) else _("Not a valid value.")
        raise InvalidInput(message, field=f"effect.{name}" if name else "effect") from None
    return effect.check(params, today=today)


def register_prerequisite(kind: str, provider: Callable[..., list[Prerequisite]]) -> None:
    """Add a provider `provider(party, on) -> [Prerequisite]` of the steps before `kind`: each
    step done by the date `on` (None: ever)."""
    providers = _PREREQUISITES.setdefault(kind, [])
    if provider not in providers:
        providers.append(provider)


def prerequisites(kind: str, party, on: dt.date | None = None) -> list[Prerequisite]:
    """The steps before an effect of `kind` on `party`, as recorded on the date `on`."""
    return [step for provider in _PREREQUISITES.get(kind, []) for step in provider(party, on)]


def missing_prerequisites(kind: str, party, on: dt.date) -> list[Prerequisite]:
    return [step for step in prerequisites(kind, party, on) if not step.done]


def require_authority(decision, kind: str) -> None:
    """An effect's action runs by the authority of an adopted decision of its kind."""
    if decision is None or decision.kind != kind or decision.adopted_on is None:
        raise PermissionDenied(_("Only an adopted decision of this kind makes this change."))
