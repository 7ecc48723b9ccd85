"""Who holds CICA's offices: the Chair, the Secretariat's posts, and where it sits."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cica.registry.models.parties import State
from cica.registry.models.periods import Period
from cica.registry.models.provenance import Cited, Decided


class Chairmanship(Cited, Decided, Period):
    """A state's term as CICA Chair; `notes` say how it was decided."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="chairmanships"
    )

    class Meta(Period.Meta):
        ordering = ["valid_from"]
        verbose_name = _("chairmanship")
        verbose_name_plural = _("chairmanships")

    def __str__(self) -> str:
        return f"{self.state.code} {self.from_text}-{self.to_text}"


class SecretariatPost(models.Model):
    """A post in the Secretariat: its head or the head's deputy."""

    class Kind(models.TextChoices):
        HEAD = "head", _("head of the Secretariat")
        DEPUTY = "deputy", _("deputy head of the Secretariat")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, unique=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("Secretariat post")
        verbose_name_plural = _("Secretariat posts")

    def __str__(self) -> str:
        return self.get_kind_display()


class PostTitle(Cited, Period):
    """A post's title over a period (Executive Director, then Secretary General from 2022-10-13)."""

    post = models.ForeignKey(
        SecretariatPost, verbose_name=_("post"), on_delete=models.CASCADE, related_name="titles"
    )
    title = models.CharField(_("title"), max_length=200)
    basis_note = models.TextField(_("basis"), blank=True)
    # The columns modeltranslation adds (translation.py), declared for the type checker; the
    # English one, in the default language, is always filled.
    title_en: str
    title_ru: str | None

    class Meta(Period.Meta):
        ordering = ["post", "valid_from"]
        verbose_name = _("post title")
        verbose_name_plural = _("post titles")

    def __str__(self) -> str:
        return self.title


class PostHolder(Cited, Decided, Period):
    """A person in a Secretariat post; some are only attested on dates, their terms unknown."""

    post = models.ForeignKey(
        SecretariatPost, verbose_name=_("post"), on_delete=models.CASCADE, related_name="holders"
    )
    person = models.CharField(_("person"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    # The columns modeltranslation adds (translation.py), declared for the type checker; the
    # English one, in the default language, is always filled.
    person_en: str
    person_ru: str | None
    title_en: str
    title_ru: str | None
    nationality = models.ForeignKey(
        State,
        verbose_name=_("nationality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nationality_note = models.TextField(_("basis of nationality"), blank=True)
    attested = models.JSONField(_("attested on"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta(Period.Meta):
        ordering = ["post", "position"]
        verbose_name = _("post holder")
        verbose_name_plural = _("post holders")

    def __str__(self) -> str:
        return f"{self.person} ({self.title})"


class Seat(Cited, Period):
    """The city where the Secretariat sits."""

    city = models.CharField(_("city"), max_length=100)
    # The columns modeltranslation adds (translation.py), declared for the type checker; the
    # English one, in the default language, is always filled.
    city_en: str
    city_ru: str | None
    note = models.TextField(_("note"), blank=True)

    class Meta(Period.Meta):
        ordering = ["valid_from"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self) -> str:
        return self.city
