"""States and organizations, their statuses with CICA over time, and their applications."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cica.registry.models.periods import Period
from cica.registry.models.provenance import Cited, Decided


class State(Cited):
    """A state (ISO 3166-1 alpha-2). Names are protocol names, editable by the Secretariat."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # The columns modeltranslation adds (translation.py), declared for the type checker; the
    # English one, in the default language, is always filled.
    name_en: str
    name_ru: str | None
    # Where the Russian name comes from: a source id, "standard" usage, or "pycountry".
    name_ru_basis = models.CharField(_("basis of the Russian name"), max_length=80, blank=True)
    other_names = models.JSONField(_("other names"), default=list, blank=True)
    # Set when the Secretariat edits the names; reloading the reference data then keeps them.
    names_edited_at = models.DateTimeField(_("names edited"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("state")
        verbose_name_plural = _("states")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"), name="registry_state_code_iso2"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Organization(Cited):
    """An international organization: an observer, a partner, a party to a memorandum."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    # The columns modeltranslation adds (translation.py), declared for the type checker; the
    # English one, in the default language, is always filled.
    name_en: str
    name_ru: str | None
    name_ru_basis = models.CharField(_("basis of the Russian name"), max_length=80, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class MembershipStatus(Cited, Decided, Period):
    """A state's or an organization's status with CICA over a period, with its basis."""

    class Status(models.TextChoices):
        MEMBER = "member", _("member state")
        OBSERVER = "observer", _("observer")
        OBSERVER_APPLICANT = "observer_applicant", _("applicant for observer status")
        PARTNER_ORGANIZATION = "partner_organization", _("partner organization")
        MOU_PARTNER = "mou_partner", _("partner under a memorandum of understanding")
        PARTNERSHIP = "partnership", _("partnership")
        COOPERATION_PROTOCOL = "cooperation_protocol", _("protocol on cooperation")
        COOPERATION_DECIDED = "cooperation_decided", _("cooperation decided")
        GUEST = "guest", _("guest")

    class Basis(models.TextChoices):
        ADMISSION = "admission", _("admission: a source reports the act itself")
        ATTESTED = "attested", _("attested: listed with this status in a source of that date")
        INFERRED = "inferred", _("inferred from a rule and other facts")

    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="statuses",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="statuses",
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    # The strength of the status, 0 the strongest: rules.RANK, the order of Status above. Stored,
    # so that the status queries order by a column instead of building this CASE each time.
    rank = models.GeneratedField(
        expression=models.Case(
            *[models.When(status=status, then=models.Value(i)) for i, status in enumerate(Status)],
            output_field=models.IntegerField(),
        ),
        output_field=models.IntegerField(),
        db_persist=True,
    )
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta(Period.Meta):
        ordering = ["valid_from", "pk"]
        verbose_name = _("membership status")
        verbose_name_plural = _("membership statuses")
        constraints = [
            *Period.Meta.constraints,
            models.CheckConstraint(
                condition=Q(state__isnull=False, organization__isnull=True)
                | Q(state__isnull=True, organization__isnull=False),
                name="registry_status_one_party",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state or self.organization}: {self.status} {self.from_text}"


class Application(Cited):
    """A state's application for membership or for observer status, as the Secretariat records it.

    The first step of admission (DOMAIN.md section 9): the SOC's approval, the signatures and the
    decision that follow are records of their own, read together by cica.decisions.admission.
    """

    class Kind(models.TextChoices):
        MEMBERSHIP = "membership", _("membership")
        OBSERVER = "observer", _("observer status")

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="applications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date of the application"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["state", "date", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "kind", "date"], name="registry_one_application_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state.code}: {self.kind} {self.date}"
