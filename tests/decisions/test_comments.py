"""A procedure's comments, however many: a procedure (alone, in a list, on its page) comes with its
latest comments only, in a bounded size and a constant number of queries; the rest are read a
page at a time.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cica.accounts.models import User
from cica.core import clock, limits
from cica.decisions.models import Comment
from cica.decisions.queries import LATEST_COMMENTS
from cica.decisions.views import COMMENTS_PER_PAGE
from tests.conftest import bearer_client

MANY = 100
# Every comment as long as a comment may be: the size of a procedure must not grow with them.
LONGEST = "x" * limits.COMMENT


@pytest.fixture
def add_comments(jp_observer):
    """Add `count` comments to a procedure, one a second from now; the newest is numbered
    highest."""

    def add(procedure, count: int, text: str = LONGEST) -> None:
        start = Comment.objects.filter(procedure=procedure).count()
        Comment.objects.bulk_create(
            Comment(
                procedure=procedure,
                user=jp_observer,
                text=f"{number} {text}",
                at=clock.now() + dt.timedelta(seconds=number),
            )
            for number in range(start, start + count)
        )

    return add


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _read(client, url: str, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:600]
    return response, len(queries)


# The bound of a procedure's answer: its latest comments at their longest, and room for the rest.
BOUND = LATEST_COMMENTS * limits.COMMENT + 100_000


@pytest.mark.parametrize(
    "url", ["/api/v1/procedures/{id}", "/api/v1/procedures", "/en/procedures/{id}/"]
)
def test_a_procedure_with_many_comments_answers_in_bounded_size_and_queries(
    silence, kz_delegate, add_comments, url
):
    # given
    client = bearer_client(kz_delegate) if url.startswith("/api/") else _signed_in(kz_delegate)
    url = url.format(id=silence.pk)
    add_comments(silence, 2)
    _read(client, url)  # a token's first use is written (once a minute): not a read's cost
    _response, baseline = _read(client, url)

    # when
    add_comments(silence, MANY)
    response, queries = _read(client, url)

    # then
    assert queries == baseline
    assert len(response.content) < BOUND


def test_a_procedure_gives_its_latest_comments_and_their_count(silence, kz_delegate, add_comments):
    add_comments(silence, MANY, text="remark")

    procedure = bearer_client(kz_delegate).get(f"/api/v1/procedures/{silence.pk}").json()

    assert procedure["comment_count"] == MANY
    # The latest, oldest first, as the field always listed them.
    assert [c["text"] for c in procedure["comments"]] == [
        f"{number} remark" for number in range(MANY - LATEST_COMMENTS, MANY)
    ]


def test_every_comment_is_read_a_page_at_a_time_newest_first(silence, kz_delegate, add_comments):
    add_comments(silence, MANY, text="remark")
    client = bearer_client(kz_delegate)
    url = f"/api/v1/procedures/{silence.pk}/comments"

    pages = [client.get(url, {"page": page, "page_size": 40}).json() for page in (1, 2, 3)]

    assert [page["count"] for page in pages] == [MANY] * 3
    assert [len(page["items"]) for page in pages] == [40, 40, 20]
    texts = [item["text"] for page in pages for item in page["items"]]
    assert texts == [f"{number} remark" for number in reversed(range(MANY))]
    assert {"id", "by", "receipt"} <= set(pages[0]["items"][0])


def test_the_comments_list_runs_a_constant_number_of_queries(silence, kz_delegate, add_comments):
    client = bearer_client(kz_delegate)
    url = f"/api/v1/procedures/{silence.pk}/comments"
    add_comments(silence, 2, text="remark")
    _read(client, url)  # a token's first use is written (once a minute): not a read's cost
    _response, baseline = _read(client, url)

    add_comments(silence, MANY, text="remark")
    response, queries = _read(client, url)

    assert queries == baseline
    assert len(response.json()["items"]) == 50


@pytest.mark.parametrize(("user", "status"), [(None, 401), ("public", 403)])
def test_the_comments_are_not_public(silence, user, status):
    client = Client()
    if user:
        client = bearer_client(User.objects.create_user(username=user, password="x" * 20))

    response = client.get(f"/api/v1/procedures/{silence.pk}/comments")

    assert response.status_code == status


def test_the_comments_of_an_unknown_procedure_are_404(kz_delegate):
    response = bearer_client(kz_delegate).get("/api/v1/procedures/999999/comments")

    assert response.status_code == 404


def test_the_page_shows_the_latest_comments_and_links_to_earlier_ones(
    silence, kz_delegate, add_comments
):
    add_comments(silence, MANY, text="remark")
    client = _signed_in(kz_delegate)
    url = f"/en/procedures/{silence.pk}/"

    first = client.get(url).content.decode()
    last = client.get(url, {"page": MANY // COMMENTS_PER_PAGE}).content.decode()

    shown = [int(n) for n in re.findall(r"<p>(\d+) remark</p>", first)]
    assert shown == list(reversed(range(MANY - COMMENTS_PER_PAGE, MANY)))
    assert '?page=2#comments-heading"' in first
    assert [int(n) for n in re.findall(r"<p>(\d+) remark</p>", last)] == list(
        reversed(range(COMMENTS_PER_PAGE))
    )
