"""What adopted decisions change in the documents register (core.effects), and what the register
records that an admission needs first.

Registered by DocumentsConfig.ready(): the adoption of a document (documents.actions
.adopt_document), and the founding signatures before an admission: membership is granted only
after the candidate signs the 1999 Declaration and the Almaty Act (inform-3990035, utv-2018).
"""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field

from cica.core import effects, limits
from cica.core.effects import Outcome, Params, Prerequisite, lazy_text
from cica.core.errors import InvalidInput
from cica.documents import actions
from cica.documents.models import Document, TreatyAction
from cica.documents.queries import FOUNDING
from cica.registry.models import State


class AdoptDocumentParams(Params):
    document: str = Field(
        title=lazy_text(gettext_lazy("Document")),
        description=lazy_text(gettext_lazy("the id of the document in the register")),
        max_length=limits.LABEL,
    )


def check_adopt_document(params: AdoptDocumentParams, *, today: dt.date) -> dict:
    document = params.document.strip()
    if not document:
        raise InvalidInput(_("Name the document adopted."), field="effect.document")
    if not Document.objects.filter(key=document).exists():
        raise InvalidInput(
            _("No document %(key)s in the register.") % {"key": document},
            field="effect.document",
        )
    return {"document": document}


def apply_adopt_document(decision, params: dict, *, actor) -> Outcome:
    document = Document.objects.filter(key=params["document"]).first()
    if document is None:
        return Outcome(note="The document is no longer in the register.")
    # The document keeps the decision itself (Document.decision): it is not a record the
    # decision created.
    actions.adopt_document(
        acting_user=actor, document=document, on=decision.adopted_on, decision=decision
    )
    return Outcome()


def founding_signatures(state: State, on: dt.date | None) -> list[Prerequisite]:
    """The state's signature of each founding document, by `on` (a signature of unknown date
    counts: the state signed); None: ever."""
    signatures = TreatyAction.objects.filter(
        state=state, kind=TreatyAction.Kind.SIGNATURE, document__key__in=FOUNDING
    )
    if on is not None:
        signatures = signatures.filter(Q(date__lte=on) | Q(date__isnull=True))
    signed = {
        action.document_id: action
        for action in signatures.prefetch_related("sources").order_by("date")
    }
    steps = []
    for document in Document.objects.filter(key__in=FOUNDING).order_by("date"):
        action = signed.get(document.pk)
        signature = (
            {
                "date": action.date,
                "precision": action.date_precision,
                "basis": action.basis,
                "sources": [source.key for source in action.sources.all()],
                "note": action.note,
            }
            if action is not None
            else {}
        )
        steps.append(
            Prerequisite(
                key=document.key,
                title=document.title,
                title_en=document.title_en,
                done=action is not None,
                record=document,
                **signature,
            )
        )
    return steps


def register() -> None:
    effects.register(
        effects.Effect(
            kind="adopt_document",
            params=AdoptDocumentParams,
            check=check_adopt_document,
            apply=apply_adopt_document,
        )
    )
    effects.register_prerequisite("admit_member", founding_signatures)
