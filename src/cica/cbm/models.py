"""The Catalogue of Confidence-Building Measures and its implementation.

Five dimensions hold priority areas (a dimension coordinated as a whole has one area of its own),
areas hold measures; member states coordinate and co-coordinate areas for terms the SOC assigns;
the SOC adopts a Plan of Implementation each year; member states hold activities, which the
Secretariat validates.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cica.core.dates import Precision
from cica.registry.models import Body, Cited, Organization, Period, State


class Dimension(Cited):
    key = models.SlugField(_("id"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self) -> str:
        return self.name


class PriorityArea(Cited):
    key = models.SlugField(_("id"), max_length=60, unique=True)
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="areas"
    )
    name = models.CharField(_("name"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The military-political and human dimensions are coordinated as a whole.
    whole_dimension = models.BooleanField(_("the dimension as a whole"), default=False)
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("concept papers and action plans"),
        blank=True,
        related_name="cbm_areas",
    )

    class Meta:
        ordering = ["dimension__position", "position"]
        verbose_name = _("priority area")
        verbose_name_plural = _("priority areas")

    def __str__(self) -> str:
        return self.name


class CatalogueVersion(Cited):
    """An adopted text of the Catalogue: 2004, updated 2021."""

    key = models.SlugField(_("id"), max_length=60, unique=True)
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_version",
    )
    adopted_on = models.DateField(_("adopted"), null=True, blank=True)
    body = models.ForeignKey(
        Body, verbose_name=_("body"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["adopted_on"]
        verbose_name = _("version of the Catalogue")
        verbose_name_plural = _("versions of the Catalogue")

    def __str__(self) -> str:
        return self.key


class Measure(Cited):
    """A measure of a version of the Catalogue, under a priority area."""

    area = models.ForeignKey(
        PriorityArea,
        verbose_name=_("priority area"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    catalogue = models.ForeignKey(
        CatalogueVersion,
        verbose_name=_("Catalogue"),
        on_delete=models.PROTECT,
        related_name="measures",
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["area", "number", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "catalogue", "number"],
                condition=~models.Q(number=""),
                name="cbm_measure_number_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}".strip()


class Coordination(Cited, Period):
    """A state's term as coordinator or co-coordinator of an area."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        CO_COORDINATOR = "co_coordinator", _("co-coordinator")

    class Basis(models.TextChoices):
        ASSIGNED = "assigned", _("assigned by the SOC")
        VOLUNTEERED = "volunteered", _("volunteered")
        ATTESTED = "attested", _("attested by a source of that date")

    area = models.ForeignKey(
        PriorityArea,
        verbose_name=_("priority area"),
        on_delete=models.CASCADE,
        related_name="coordinations",
    )
    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="coordinations"
    )
    role = models.CharField(_("role"), max_length=15, choices=Role.choices)
    basis = models.CharField(_("basis"), max_length=12, choices=Basis.choices)
    decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinations",
    )

    class Meta(Period.Meta):
        ordering = ["area", "role", "valid_from", "pk"]
        verbose_name = _("coordination")
        verbose_name_plural = _("coordinations")

    def __str__(self) -> str:
        return f"{self.state.code} {self.role} {self.area.key}"


class CoordinationOffer(models.Model):
    """A member state offers to coordinate an area; the SOC decides."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        WITHDRAWN = "withdrawn", _("withdrawn")
        ASSIGNED = "assigned", _("assigned")

    area = models.ForeignKey(
        PriorityArea,
        verbose_name=_("priority area"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=15, choices=Coordination.Role.choices)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    offered_at = models.DateTimeField(_("offered"))
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-offered_at"]
        verbose_name = _("offer to coordinate")
        verbose_name_plural = _("offers to coordinate")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "state", "role"],
                condition=models.Q(status="open"),
                name="cbm_one_open_offer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.state.code} offers {self.role} {self.area.key}"


class ImplementationPlan(Cited):
    """The annual Plan of Implementation of CBMs, adopted by the SOC in December."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    adopted_on = models.DateField(_("adopted"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("Plan of Implementation")
        verbose_name_plural = _("Plans of Implementation")

    def __str__(self) -> str:
        return f"Plan of Implementation {self.year}"


class Kind(models.TextChoices):
    EVENT = "event", _("event")
    WORKSHOP = "workshop", _("workshop")
    SEMINAR = "seminar", _("seminar")
    TRAINING = "training", _("training")
    EXPERTS_MEETING = "experts_meeting", _("meeting of experts")
    EXCHANGE = "exchange", _("exchange")
    REPORT = "report", _("report")


class PlannedEvent(models.Model):
    plan = models.ForeignKey(
        ImplementationPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    area = models.ForeignKey(
        PriorityArea,
        verbose_name=_("priority area"),
        on_delete=models.PROTECT,
        related_name="planned_events",
    )
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EVENT)
    host_state = models.ForeignKey(
        State,
        verbose_name=_("host state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # When it is planned, often only to the month.
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.MONTH
    )

    class Meta:
        ordering = ["plan", "date", "pk"]
        verbose_name = _("planned event")
        verbose_name_plural = _("planned events")

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    """What a member state did under an area: recorded by its delegate, validated by the
    Secretariat."""

    class Status(models.TextChoices):
        RECORDED = "recorded", _("awaiting validation")
        VALIDATED = "validated", _("validated")
        RETURNED = "returned", _("returned for correction")

    area = models.ForeignKey(
        PriorityArea,
        verbose_name=_("priority area"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    measures = models.ManyToManyField(
        Measure, verbose_name=_("measures"), blank=True, related_name="activities"
    )
    planned_event = models.ForeignKey(
        PlannedEvent,
        verbose_name=_("planned event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    host_state = models.ForeignKey(
        State,
        verbose_name=_("host state"),
        on_delete=models.PROTECT,
        related_name="hosted_activities",
    )
    participants: "models.ManyToManyField[State, Any]" = models.ManyToManyField(
        State,
        verbose_name=_("participating states"),
        blank=True,
        related_name="cbm_activities",
    )
    organizations: "models.ManyToManyField[Organization, Any]" = models.ManyToManyField(
        Organization, verbose_name=_("organizations"), blank=True, related_name="cbm_activities"
    )
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECORDED
    )
    recorded_at = models.DateTimeField(_("recorded"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    validation_note = models.TextField(_("note of the Secretariat"), blank=True)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="cbm_activity_dates_ordered",
            )
        ]
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["area", "start_date"])]

    def __str__(self) -> str:
        return self.title


class ActivityFile(models.Model):
    """An attachment of an activity: a report, a programme, a list of participants."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to="activities/%Y/", max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(fields=["activity", "sha256"], name="cbm_file_attached_once")
        ]

    def __str__(self) -> str:
        return self.name
