"""Bodies and their names on a date."""

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Case, Exists, F, OuterRef, Prefetch, QuerySet, Subquery, When

from cica.registry.models import Body, BodyName, active_on


class BodyNamesOnDate(TypedDict):
    """What _with_names_on annotates: a body's names on the date (none before its first)."""

    name_en_on_date: str | None
    name_ru_on_date: str | None


if TYPE_CHECKING:  # django_stubs_ext comes with the stubs, a test dependency only
    from django_stubs_ext import WithAnnotations

    BodyOnDate = WithAnnotations[Body, BodyNamesOnDate]


def _with_names_on(bodies: QuerySet[Body], date: dt.date) -> "QuerySet[BodyOnDate]":
    """Annotate each body with its English and Russian names on `date`."""
    # The latest name first; a name with no known start comes last on every database.
    current_name = BodyName.objects.filter(active_on(date), body=OuterRef("pk")).order_by(
        F("valid_from").desc(nulls_last=True)
    )
    return bodies.annotate(
        name_en_on_date=Subquery(current_name.values("name_en")[:1]),
        name_ru_on_date=Subquery(current_name.values("name_ru")[:1]),
    )


def body_names_on(date, body: str = "pk") -> dict:
    """Annotations `body_name_en` and `body_name_ru`: the names of a body (the row itself, or the
    relation `body`) on `date` (a day, or an OuterRef to one, such as a meeting's first day), as
    get_body_on names bodies: the latest name in force; before the first name's known start,
    the first name. Pages name a body so, never by its key."""
    in_force = BodyName.objects.filter(active_on(date), body=OuterRef(body)).order_by(
        F("valid_from").desc(nulls_last=True)
    )
    first = BodyName.objects.filter(body=OuterRef(body)).order_by(
        F("valid_from").asc(nulls_first=True)
    )
    # Both languages from the same name: a name in force without its Russian gives none.
    return {
        f"body_name_{language}": Case(
            When(Exists(in_force), then=Subquery(in_force.values(f"name_{language}")[:1])),
            default=Subquery(first.values(f"name_{language}")[:1]),
        )
        for language in ("en", "ru")
    }


def get_body_on(key: str, date: dt.date) -> "BodyOnDate | None":
    """One body with its names on `date` (one query)."""
    return _with_names_on(Body.objects.filter(key=key), date).first()


def list_bodies(*, as_of: dt.date) -> "QuerySet[BodyOnDate]":
    """Bodies, each with its names on `as_of`, and all its names and frequencies."""
    return (
        _with_names_on(Body.objects.all(), as_of)
        .prefetch_related(
            Prefetch(
                "names",
                # The plugin cannot see "decision", a prefetch of its own (DecisionOfRecord).
                queryset=BodyName.objects.prefetch_related("decision", "sources"),  # type: ignore[misc]
            ),
            "frequencies__sources",
            "sources",
        )
        .order_by("position")
    )
