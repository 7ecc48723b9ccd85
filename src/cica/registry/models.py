"""The institution: states, organizations, their statuses over time, bodies, chairs, Secretariat.

Records loaded from the reference data keep the ids of the sources that state them. Facts known
only to the year or month keep that precision (see cica.core.dates). Counts are never stored:
they are derived from the status histories (see queries.py).
"""

from operator import attrgetter

from django.apps import apps
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cica.core import dates
from cica.core.dates import Precision


class Source(models.Model):
    """A publication that states facts: an article, a web page, a treaty text."""

    key = models.SlugField(_("id"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    file = models.CharField(_("file"), max_length=200, blank=True)
    date = models.CharField(_("date"), max_length=10, blank=True)
    date_approximate = models.BooleanField(_("approximate date"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.key


class Cited(models.Model):
    """A record that names its sources. `notes` hold further cited remarks: [{text, sources}]."""

    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="%(class)s_records"
    )
    notes = models.JSONField(_("notes"), default=list, blank=True)
    conflicts = models.JSONField(_("conflicts between sources"), default=list, blank=True)
    # Reloading the reference data replaces its own records and leaves those made by actions.
    from_reference = models.BooleanField(_("from the reference data"), default=False)

    class Meta:
        abstract = True


class DecisionOfRecord:
    """`record.decision`: the adopted decision whose effect made the record, if any
    (decisions.Decision.effect_record, core.effects). A list prefetches it:
    `prefetch_related("decision")`, one query for all the records."""

    cache_name = "_decision"

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if not self.is_cached(instance):
            queryset, *_rest = self.get_prefetch_querysets([instance])
            setattr(instance, self.cache_name, queryset.first())
        return getattr(instance, self.cache_name)

    def is_cached(self, instance) -> bool:
        return self.cache_name in instance.__dict__

    def get_prefetch_querysets(self, instances, querysets=None):
        """Django's prefetch protocol, as for a generic foreign key: the decisions naming the
        records, matched by id, one for each."""
        # By name: the decisions come after the registry, whose records they change.
        decisions = querysets[0] if querysets else apps.get_model("decisions", "Decision").objects
        label = instances[0]._meta.label_lower
        queryset = decisions.filter(
            effect_record_type=label, effect_record_id__in=[record.pk for record in instances]
        )
        by_record, by_pk = attrgetter("effect_record_id"), attrgetter("pk")
        return queryset, by_record, by_pk, True, self.cache_name, True


class Decided(models.Model):
    """A record an adopted decision may have made."""

    decision = DecisionOfRecord()

    class Meta:
        abstract = True


class Period(models.Model):
    """A time span as precise as its sources.

    A boundary given only to the month or the year is uncertain across that period (interval
    semantics, cica.core.dates): the record may have begun on any day from `valid_from` to
    `from_latest`, and may have ended on any day from `to_earliest` to `valid_to`. So it is
    *possible* on the days from `valid_from` to `valid_to` and *certain* on the days from
    `from_latest` to `to_earliest`; a day possible but not certain is shown as approximate. A
    null `from_latest` or `to_earliest` is the same day as `valid_from` or `valid_to`.

    A null boundary is open (a name that has not changed, a status that has not ended) unless it
    is flagged unknown: `from_unknown` ("date unknown": a relation no source dates is not valid on
    every past date) and `to_unknown` ("end unknown": a term whose end no source gives is not
    "present"). An unknown boundary may still be bounded: a Secretariat post holder whose end is
    unknown may have served, at the latest, until a source names another holder.
    """

    valid_from = models.DateField(_("from"), null=True, blank=True)
    from_precision = models.CharField(
        _("precision of from"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    from_latest = models.DateField(_("begun at the latest"), null=True, blank=True)
    from_unknown = models.BooleanField(_("start unknown"), default=False)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    to_precision = models.CharField(
        _("precision of to"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    to_earliest = models.DateField(_("lasted at least until"), null=True, blank=True)
    to_unknown = models.BooleanField(_("end unknown"), default=False)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="%(app_label)s_%(class)s_period_ordered",
            )
        ]

    @property
    def from_text(self) -> str:
        if self.from_unknown:
            return ""
        return dates.format_partial_date(self.valid_from, self.from_precision)

    @property
    def to_text(self) -> str:
        if self.to_unknown:
            return ""
        return dates.format_partial_date(self.valid_to, self.to_precision)


def active_on(date, prefix: str = "") -> Q:
    """The condition "this period possibly covers `date`", optionally through a relation prefix.

    Possible, not certain: a member from "2014-05" is listed on 2014-05-21, marked approximate
    (see certain_on). A start no source gives is never covered.
    """
    p = prefix
    return (
        Q(**{f"{p}valid_from__lte": date})
        | Q(**{f"{p}valid_from__isnull": True, f"{p}from_unknown": False})
    ) & (Q(**{f"{p}valid_to__isnull": True}) | Q(**{f"{p}valid_to__gte": date}))


def certain_on(date, prefix: str = "") -> Q:
    """The condition "this period certainly covers `date`": both boundaries known to be past."""

    def boundary(certain: str, possible: str, unknown: str, lookup: str) -> Q:
        # The certain bound, else the possible one (a day-precise boundary), else open unless
        # unknown.
        return (
            Q(**{f"{prefix}{certain}__{lookup}": date})
            | Q(**{f"{prefix}{certain}__isnull": True, f"{prefix}{possible}__{lookup}": date})
            | Q(
                **{
                    f"{prefix}{certain}__isnull": True,
                    f"{prefix}{possible}__isnull": True,
                    f"{prefix}{unknown}": False,
                }
            )
        )

    return boundary("from_latest", "valid_from", "from_unknown", "lte") & boundary(
        "to_earliest", "valid_to", "to_unknown", "gte"
    )


class State(Cited):
    """A state (ISO 3166-1 alpha-2). Names are protocol names, editable by the Secretariat."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=200)
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
    note = models.TextField(_("note"), blank=True)

    class Meta(Period.Meta):
        ordering = ["valid_from"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self) -> str:
        return self.city


class CitedFact(Cited):
    """A cited statement about the institution that is not a record of its own: rules, events."""

    topic = models.SlugField(_("topic"), max_length=60)
    date = models.CharField(_("date"), max_length=10, blank=True)
    text = models.TextField(_("text"))
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
