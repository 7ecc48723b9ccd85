"""What the sources state beyond the records: facts, their disagreements, reported counts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cica.core import dates
from cica.core.dates import Precision
from cica.registry.models.provenance import Cited


class CitedFact(Cited):
    """A cited statement about the institution that is not a record of its own: rules, events."""

    topic = models.SlugField(_("topic"), max_length=60)
    date = models.CharField(_("date"), max_length=10, blank=True)
    text = models.TextField(_("text"))
    # The columns modeltranslation adds (translation.py), declared for the type checker; the
    # English one, in the default language, is always filled.
    text_en: str
    text_ru: str | None
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["topic", "position"]
        verbose_name = _("cited fact")
        verbose_name_plural = _("cited facts")

    def __str__(self) -> str:
        return self.text[:80]


class Conflict(models.Model):
    """A point on which sources disagree: every value is kept with its sources, none hidden."""

    topic = models.CharField(_("topic"), max_length=200)
    values = models.JSONField(_("values"), default=list)
    resolution = models.TextField(_("reading"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("conflict between sources")
        verbose_name_plural = _("conflicts between sources")

    def __str__(self) -> str:
        return self.topic


class ReportedCount(Cited):
    """A count as a source reported it on a date: compared with the registry, never used by it."""

    as_of = models.DateField(_("as of"))
    as_of_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    as_of_approximate = models.BooleanField(_("approximate"), default=False)
    members = models.PositiveSmallIntegerField(_("member states"), null=True, blank=True)
    observer_states = models.PositiveSmallIntegerField(_("observer states"), null=True, blank=True)
    observer_orgs = models.PositiveSmallIntegerField(
        _("observer organizations"), null=True, blank=True
    )
    observers_states_and_orgs = models.PositiveSmallIntegerField(
        _("observer states and organizations"), null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["as_of", "position"]
        verbose_name = _("reported count")
        verbose_name_plural = _("reported counts")

    def __str__(self) -> str:
        return f"{self.as_of_text}: {self.members}"

    @property
    def as_of_text(self) -> str:
        return dates.format_partial_date(self.as_of, self.as_of_precision)
