"""Where a record comes from: the sources that state it, the decision that made it."""

from operator import attrgetter

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


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
