"""The organs of CICA, their names over time and how often they meet."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cica.core import dates
from cica.core.dates import Precision
from cica.registry.models.periods import Period
from cica.registry.models.provenance import Cited, Decided


class Body(Cited):
    """An organ of CICA: governing, working, administrative, advisory."""

    class Kind(models.TextChoices):
        GOVERNING = "governing", _("governing body")
        WORKING = "working", _("working body")
        ADMINISTRATIVE = "administrative", _("administrative body")
        ADVISORY = "advisory", _("advisory body")
        INSTRUMENT = "instrument", _("instrument")
        ROLE = "role", _("role")
        PROPOSED = "proposed", _("proposed body")

    key = models.SlugField(_("id"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    established = models.DateField(_("established"), null=True, blank=True)
    established_precision = models.CharField(
        _("precision of established"), max_length=5, choices=Precision.choices, default="day"
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.key

    @property
    def established_text(self) -> str:
        return dates.format_partial_date(self.established, self.established_precision)


class BodyName(Cited, Decided, Period):
    """A body's name over a period: bodies are renamed (the Astana Statement, 2022-10-13)."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="names"
    )
    name = models.CharField(_("name"), max_length=300)
    # The columns modeltranslation adds (translation.py), declared for the type checker; the
    # English one, in the default language, is always filled.
    name_en: str
    name_ru: str | None

    class Meta(Period.Meta):
        ordering = ["body", "valid_from", "pk"]
        verbose_name = _("body name")
        verbose_name_plural = _("body names")

    def __str__(self) -> str:
        return self.name


class BodyFrequency(Cited):
    """How often a body meets, as a source states it; conflicting statements are all kept."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="frequencies"
    )
    text = models.CharField(_("frequency"), max_length=300)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["body", "pk"]
        verbose_name = _("body frequency")
        verbose_name_plural = _("body frequencies")

    def __str__(self) -> str:
        return self.text
