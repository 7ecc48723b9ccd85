"""Who held CICA's offices on a date: the Chair, the Secretariat's posts, its seat."""

import datetime as dt
from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import Prefetch, QuerySet

from cica.registry import rules
from cica.registry.models import (
    Chairmanship,
    PostHolder,
    PostTitle,
    Seat,
    SecretariatPost,
    active_on,
)


class PostHoldersOnDate(TypedDict):
    """What secretariat_on gives each post: its titles and holders on the date, and the holder it
    names (rules.choose)."""

    titles_on_date: list[PostTitle]
    holders_on_date: list[PostHolder]
    holder: PostHolder | None


if TYPE_CHECKING:  # django_stubs_ext comes with the stubs, a test dependency only
    from django_stubs_ext import WithAnnotations

    PostOnDate = WithAnnotations[SecretariatPost, PostHoldersOnDate]


def list_chairmanships(*, as_of: dt.date | None = None) -> QuerySet[Chairmanship]:
    """Chairmanship terms, oldest first; with `as_of`, only the term(s) covering that date."""
    # The plugin cannot see "decision", a prefetch of its own (DecisionOfRecord).
    terms = Chairmanship.objects.select_related("state").prefetch_related("decision", "sources")  # type: ignore[misc]
    if as_of is not None:
        terms = terms.filter(active_on(as_of))
    return terms.order_by("valid_from", "pk")


def current_chair(date: dt.date) -> Chairmanship | None:
    """The Chair on `date`, `approximate` when its term's boundary around that day is known only
    to the month or year (the First Summit, 2002-06-04, falls in Kazakhstan's term "from 2002")."""
    terms = list(list_chairmanships(as_of=date))
    return rules.choose(terms, date)


def secretariat_on(date: dt.date) -> dict:
    """The Secretariat on `date`: its seat, and each post with its title and holder.

    A holder whose term's end no source gives is named only up to the day before a source names
    another; where two may have held the post, the one certainly in office is named, else the
    one last or next attested nearest to the day, marked approximate.
    """
    queryset = SecretariatPost.objects.prefetch_related(
        Prefetch(
            "titles",
            queryset=PostTitle.objects.filter(active_on(date)).prefetch_related("sources"),
            to_attr="titles_on_date",
        ),
        Prefetch(
            "holders",
            # The plugin cannot see "decision", a prefetch of its own (DecisionOfRecord).
            queryset=PostHolder.objects.filter(active_on(date))  # type: ignore[misc]
            .select_related("nationality")
            .prefetch_related("decision", "sources"),
            to_attr="holders_on_date",
        ),
    )
    # The plugin types both prefetches' lists as list[Cited], their common base, and knows
    # nothing of `holder`, set here.
    posts = cast("list[PostOnDate]", list(queryset))
    for post in posts:
        post.holder = rules.choose(post.holders_on_date, date)
    seats = list(Seat.objects.filter(active_on(date)).prefetch_related("sources"))
    return {"seat": rules.choose(seats, date), "posts": posts}


def list_secretariat_history() -> dict:
    """Every seat, title and holder the sources name, attested-only holders included."""
    return {
        "seats": list(Seat.objects.prefetch_related("sources")),
        "titles": list(PostTitle.objects.select_related("post").prefetch_related("sources")),
        "holders": list(
            # The plugin cannot see "decision", a prefetch of its own (DecisionOfRecord).
            PostHolder.objects.select_related("post", "nationality").prefetch_related(  # type: ignore[misc]
                "decision", "sources"
            )
        ),
    }


def head_of_secretariat(date: dt.date) -> PostHolder | None:
    holders = list(
        PostHolder.objects.filter(active_on(date), post__kind="head").select_related("nationality")
    )
    return rules.choose(holders, date)
