"""Drafts and their versions: a version is never edited, only added."""

from django.db import transaction
from django.utils.translation import gettext as _

from cica.core import audit, clock, limits, roles
from cica.core.errors import InvalidInput
from cica.decisions import effects, permissions, rules
from cica.decisions.actions._common import _require, _text
from cica.decisions.models import Draft, Version
from cica.registry.models import State


def _new_version(draft: Draft, *, user, number: int, title: str, text_en: str, text_ru: str):
    content = rules.version_content(
        draft_id=draft.pk,
        kind=draft.kind,
        effect=draft.effect,
        number=number,
        title=title,
        text_en=text_en,
        text_ru=text_ru,
    )
    return Version.objects.create(
        draft=draft,
        number=number,
        title=title,
        text_en=text_en,
        text_ru=text_ru,
        hash=rules.content_hash(content),
        created_by=user,
        created_at=clock.now(),
    )


def _proposer(user, requested: str | None) -> tuple[str, State | None]:
    """Who proposes: the Secretariat, the Chairmanship, or the delegate's member state."""
    allowed: dict[str, State | None]
    if roles.is_secretariat(user):
        allowed = {Draft.Proposer.SECRETARIAT: None}
    else:
        allowed = {Draft.Proposer.MEMBER_STATE: user.state}
        if permissions.is_chair_delegate(user):
            allowed[Draft.Proposer.CHAIRMANSHIP] = user.state
    proposer = requested or next(iter(allowed))
    if proposer not in allowed:
        raise InvalidInput(
            _("You may propose as: %(allowed)s.") % {"allowed": ", ".join(allowed)},
            field="proposer",
        )
    return proposer, allowed[proposer]


@transaction.atomic
def create_draft(
    *,
    acting_user,
    kind: str,
    title: str,
    text_en: str = "",
    text_ru: str = "",
    effect: dict | None = None,
    proposer: str | None = None,
) -> Draft:
    """A new draft with its first version."""
    _require(permissions.can_create_draft(acting_user), _("You may not propose drafts."))
    if kind not in Draft.Kind.values:
        raise InvalidInput(
            _("Unknown kind; expected one of: %(kinds)s.") % {"kinds": ", ".join(Draft.Kind)},
            field="kind",
        )
    title = _text(title, "title", limits.TITLE)
    text_en = _text(text_en, "text_en", limits.TEXT, required=False)
    text_ru = _text(text_ru, "text_ru", limits.TEXT, required=False)
    proposer, proposer_state = _proposer(acting_user, proposer)
    draft = Draft.objects.create(
        kind=kind,
        effect=effects.check_effect(kind, effect or {}, clock.today()),
        proposer=proposer,
        proposer_state=proposer_state,
        created_by=acting_user,
        created_at=clock.now(),
    )
    version = _new_version(
        draft,
        user=acting_user,
        number=1,
        title=title,
        text_en=text_en,
        text_ru=text_ru,
    )
    audit.record(
        actor=acting_user,
        action="decisions.create_draft",
        obj=draft,
        payload={
            "kind": kind,
            "effect": draft.effect,
            "proposer": proposer,
            "version": {"number": 1, "hash": version.hash},
        },
    )
    return draft


@transaction.atomic
def add_version(
    *, acting_user, draft: Draft, text_en: str, text_ru: str = "", title: str | None = None
) -> Version:
    """A revised text: versions are never edited, only added."""
    _require(permissions.can_add_version(acting_user, draft), _("You may not revise this draft."))
    title = _text(title, "title", limits.TITLE) if title is not None else None
    text_en = _text(text_en, "text_en", limits.TEXT, required=False)
    text_ru = _text(text_ru, "text_ru", limits.TEXT, required=False)
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    last = draft.versions.order_by("-number").first()
    assert last is not None, "a draft is created with its first version"
    version = _new_version(
        draft,
        user=acting_user,
        number=last.number + 1,
        title=title if title is not None else last.title,
        text_en=text_en,
        text_ru=text_ru,
    )
    audit.record(
        actor=acting_user,
        action="decisions.add_version",
        obj=version,
        payload={"draft": draft.pk, "number": version.number, "hash": version.hash},
    )
    return version
