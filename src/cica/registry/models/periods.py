"""A record's time span, as precise as its sources, and the conditions "on this day"."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cica.core import dates
from cica.core.dates import Precision


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
