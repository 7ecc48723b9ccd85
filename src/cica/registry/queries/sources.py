"""The sources, what they state beyond the records, and where they disagree."""

from django.db.models import QuerySet

from cica.registry.models import CitedFact, Conflict, Source


def list_sources() -> QuerySet[Source]:
    return Source.objects.order_by("position")


def source_keys(model, ids) -> dict[int, list[str]]:
    """The keys of the sources cited by each of these objects of a Cited `model`, in the
    sources' order: one query, for the fast paths of lists."""
    keys: dict[int, list[str]] = {pk: [] for pk in ids}
    through = model.sources.through
    column = next(f.attname for f in through._meta.fields if f.related_model is model)
    for pk, key in (
        through.objects.filter(**{f"{column}__in": keys})
        .order_by("source__position", "source_id")
        .values_list(column, "source__key")
    ):
        keys[pk].append(key)
    return keys


def list_conflicts() -> QuerySet[Conflict]:
    return Conflict.objects.order_by("position")


def list_facts(topic_prefix: str) -> QuerySet[CitedFact]:
    return CitedFact.objects.filter(topic__startswith=topic_prefix).prefetch_related("sources")
