"""CICA's meetings: sessions of its bodies, their delegations and agendas, and the rules of
how often each body must meet.
"""

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cica.core.dates import Precision
from cica.registry.models import Body, Cited, Organization, State


def localized(name_en: str | None, name_ru: str | None) -> str:
    """The Russian name on Russian pages where there is one, else the English."""
    return (get_language() == "ru" and name_ru) or name_en or ""


class Meeting(Cited):
    """A session of a body: a Summit, a Ministerial Council, an SOC, an experts' meeting."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    class Kind(models.TextChoices):
        REGULAR = "regular", _("regular")
        SPECIAL = "special", _("special")
        INFORMAL = "informal", _("informal")
        PREPARATORY = "preparatory", _("preparatory")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")
        UNGA_SIDELINES = "unga_sidelines", _("on the sidelines of the UN General Assembly")

    # Stable across edits, so calendar clients update the event instead of adding another.
    uid = models.UUIDField(_("calendar id"), default=uuid.uuid4, unique=True, editable=False)
    # Empty for the preparatory meetings of 1993-1998, held before CICA had bodies.
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    ordinal = models.PositiveSmallIntegerField(_("ordinal"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("title"), max_length=500, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    date_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        State,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_hosted",
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    chair = models.ForeignKey(
        State,
        verbose_name=_("chairing state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_chaired",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    theme = models.CharField(_("theme"), max_length=500, blank=True)
    # What the meeting marked: "30th anniversary of the CICA process" (the Sixth Summit).
    occasion = models.CharField(_("occasion"), max_length=500, blank=True)
    # Attendance as sources reported it, kept beside what the delegation list gives.
    attendance_reported = models.JSONField(_("attendance as reported"), default=list, blank=True)
    # Raised on every change, for the iCalendar SEQUENCE.
    sequence = models.PositiveIntegerField(_("revision"), default=0)

    class Meta:
        ordering = ["start_date", "pk"]
        # Lists page in this order; calendar feeds select by the last day.
        indexes = [models.Index(fields=["start_date", "id"]), models.Index(fields=["end_date"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="meetings_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title or _("Meeting of %(date)s") % {"date": self.start_date.isoformat()}

    @property
    def body_name(self) -> str:
        """The body's name on the meeting's date, from queries.with_body_names."""
        return localized(getattr(self, "body_name_en", None), getattr(self, "body_name_ru", None))


class Delegation(models.Model):
    """A state's or an organization's delegation to a meeting, and its level."""

    class Level(models.TextChoices):
        HEAD_OF_STATE = "head_of_state", _("head of state or government")
        VICE_PRESIDENT = "vice_president", _("vice-president")
        MINISTER = "minister", _("minister")
        DEPUTY_MINISTER = "deputy_minister", _("deputy minister")
        AMBASSADOR = "ambassador", _("ambassador")
        EXPERT = "expert", _("expert")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="delegations"
    )
    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    head = models.CharField(_("head of delegation"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__isnull=False, organization__isnull=True)
                | Q(state__isnull=True, organization__isnull=False),
                name="meetings_delegation_one_party",
            ),
            models.UniqueConstraint(fields=["meeting", "state"], name="meetings_one_per_state"),
            models.UniqueConstraint(
                fields=["meeting", "organization"], name="meetings_one_per_organization"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state or self.organization} at {self.meeting}"


class AgendaItem(models.Model):
    """An item of a meeting's agenda, which may put a draft to the meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=500)
    procedure = models.OneToOneField(
        "decisions.Procedure",
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_item",
    )

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="meetings_agenda_order")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class CycleRule(Cited):
    """How often a body must meet, as the Rules of Procedure say over a period of time.

    Rules change (the Ministerial Council met every two years, later every four, two years
    after the Summit), so each rule is dated and cited, and the rule in force is used.
    """

    class Kind(models.TextChoices):
        EVERY_N_YEARS = "every_n_years", _("every N years")
        YEARLY = "yearly", _("at least once a calendar year")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="cycle_rules"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    interval_years = models.PositiveSmallIntegerField(_("interval (years)"), null=True, blank=True)
    # "two years after the Summit": the body whose regular meetings this one alternates with.
    after_body = models.ForeignKey(
        Body,
        verbose_name=_("after the body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    offset_years = models.PositiveSmallIntegerField(_("offset (years)"), null=True, blank=True)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    text = models.CharField(_("rule"), max_length=300)

    class Meta:
        ordering = ["body", "valid_from"]
        verbose_name = _("cycle rule")
        verbose_name_plural = _("cycle rules")

    def __str__(self) -> str:
        return f"{self.body.key}: {self.text}"


class CalendarEntry(Cited):
    """A day in CICA's year that is not a meeting: CICA Day (5 October), anniversaries."""

    name = models.CharField(_("name"), max_length=300)
    # "MM-DD" for a day every year; empty for entries given only as a period of a month.
    month_day = models.CharField(_("day of the year"), max_length=5, blank=True)
    month = models.PositiveSmallIntegerField(_("month"))
    period = models.CharField(_("period"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["month", "month_day", "pk"]
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")

    def __str__(self) -> str:
        return self.name
