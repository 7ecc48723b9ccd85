"""What a priority area holds beside its activities: its concept papers and action plans (from
the documents register) and the Catalogue's measures under it."""

from django.db import transaction
from django.utils.translation import gettext as _

from cica.cbm import errors
from cica.cbm.actions.guards import require_secretariat
from cica.cbm.models import Measure, PriorityArea
from cica.core import audit, limits
from cica.core.errors import InvalidInput, unique


@transaction.atomic
def link_document(*, acting_user, area: PriorityArea, document) -> PriorityArea:
    """A concept paper or action plan of the area (the document is in the register)."""
    require_secretariat(acting_user)
    if area.documents.filter(pk=document.pk).exists():
        raise errors.DocumentAlreadyLinked(field="document")
    with unique(errors.DocumentAlreadyLinked(field="document")):
        # Not documents.add(), which passes over a link made meanwhile: a link is made once.
        PriorityArea.documents.through.objects.create(priorityarea=area, document=document)
    audit.record(
        actor=acting_user,
        action="cbm.link_document",
        obj=area,
        payload={"area": area.key, "document": document.key},
    )
    return area


@transaction.atomic
def add_measure(
    *, acting_user, area: PriorityArea, catalogue, number: str, text_en: str, text_ru: str = ""
):
    """A measure of a version of the Catalogue, under the area (the reference data has none)."""
    require_secretariat(acting_user)
    if not (text_en or "").strip():
        raise InvalidInput(_("Give the measure's text in English."), field="text_en")
    limits.check(number, limits.NUMBER, field="number")
    limits.check(text_en.strip(), limits.NOTE, field="text_en")
    limits.check((text_ru or "").strip(), limits.NOTE, field="text_ru")
    if (
        Measure.objects.filter(area=area, catalogue=catalogue, number=number)
        .exclude(number="")
        .exists()
    ):
        raise errors.MeasureNumberTaken(field="number")
    with unique(errors.MeasureNumberTaken(field="number")):
        measure = Measure.objects.create(
            area=area,
            catalogue=catalogue,
            number=number,
            text_en=text_en.strip(),
            text_ru=(text_ru or "").strip() or None,
        )
    audit.record(
        actor=acting_user,
        action="cbm.add_measure",
        obj=measure,
        payload={
            "area": area.key,
            "catalogue": catalogue.key,
            "number": number,
            "text_en": measure.text_en,
            "text_ru": measure.text_ru,
        },
    )
    return measure
