"""Cached reads (core.cache): served as stored until a change they read is recorded, then built
again at once; a change they do not read leaves them cached."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cica.decisions import actions as decisions
from cica.documents import actions as documents
from cica.documents.models import Document
from cica.meetings import actions as meetings
from cica.meetings.models import Meeting
from cica.registry import actions as registry
from cica.registry.models import Body, State


def _statement(officer):
    """A write that none of the cached details reads: a draft statement."""
    decisions.create_draft(
        acting_user=officer,
        kind="statement",
        title="A statement",
        text_en="The Conference notes the report.",
        text_ru="",
        effect={},
    )


def _state_renamed(officer, key):
    state = State.objects.get(code=key)
    registry.rename_state(
        acting_user=officer, state=state, name_en="Renamed State", name_ru=state.name_ru or ""
    )


def _meeting_attended(officer, key):
    meetings.record_delegation(
        acting_user=officer,
        meeting=Meeting.objects.get(pk=key),
        level="minister",
        state=State.objects.get(code="KZ"),
        head="Renamed State",
    )


def _meeting_moved(officer, key):
    meetings.update_meeting(
        acting_user=officer, meeting=Meeting.objects.get(pk=key), city="Renamed State"
    )


def _document_moved(officer, key):
    documents.update_document(
        acting_user=officer, document=Document.objects.get(key=key), place="Renamed State"
    )


@pytest.fixture
def meeting_id(secretariat_officer):
    return meetings.create_meeting(
        acting_user=secretariat_officer,
        body=Body.objects.get(key="soc"),
        start_date=dt.date(2026, 12, 15),
        end_date=dt.date(2026, 12, 16),
        title_en="Senior Officials Committee",
        city="Baku",
    ).pk


@pytest.mark.parametrize(
    ("url", "change"),
    [
        ("/api/v1/states/KZ", _state_renamed),
        ("/api/v1/meetings/{meeting}", _meeting_attended),
        ("/api/v1/documents/{document}", _document_moved),
        ("/api/v1/states?page_size=200", _state_renamed),
        ("/api/v1/meetings?body=soc&page_size=200", _meeting_moved),
        ("/api/v1/documents?page_size=200", _document_moved),
        ("/api/v1/meetings.ics?body=soc", _meeting_moved),
    ],
)
def test_a_read_is_cached_until_what_it_reads_changes(
    client, secretariat_officer, meeting_id, django_assert_num_queries, url, change
):
    document = Document.objects.order_by("pk").first().key
    url = url.format(meeting=meeting_id, document=document)
    key = {"states": "KZ", "meetings": meeting_id, "meetings.ics": meeting_id}.get(
        url.split("/")[3].split("?")[0], document
    )
    before = client.get(url).content

    _statement(secretariat_officer)
    with django_assert_num_queries(1):  # the newest change it reads; the body is stored
        assert client.get(url).content == before
    change(secretariat_officer, key)

    after = client.get(url)
    assert after.status_code == 200
    assert "Renamed State" in after.content.decode()
    assert "Renamed State" not in before.decode()


def test_an_unknown_object_is_404_every_time(db, client):
    assert client.get("/api/v1/meetings/999999").status_code == 404
    assert client.get("/api/v1/meetings/999999").status_code == 404


def _main(response) -> str:
    """The page's own content: the header around it holds a new CSRF token on every request."""
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


@pytest.mark.parametrize(
    ("url", "change"),
    [
        ("/en/states/", _state_renamed),
        ("/en/meetings/?body=soc", _meeting_moved),
        ("/en/documents/?q=Declaration", _document_moved),
    ],
)
def test_a_list_page_keeps_its_rows_until_what_they_read_changes(
    client, secretariat_officer, meeting_id, url, change
):
    document = Document.objects.filter(title_en__contains="Declaration").order_by("pk").first()
    key = {"states": "KZ", "meetings": meeting_id}.get(url.split("/")[2], document.key)
    with CaptureQueriesContext(connection) as built:
        before = _main(client.get(url))

    _statement(secretariat_officer)
    with CaptureQueriesContext(connection) as cached:
        assert _main(client.get(url)) == before
    assert len(cached) < len(built)
    change(secretariat_officer, key)

    after = _main(client.get(url))
    assert "Renamed State" in after
    assert "Renamed State" not in before


_KAZAKHSTAN_ROW = '<th scope="row"><a href="/en/states/KZ/">'


@pytest.mark.parametrize(
    ("first", "second", "only_in_second"),
    [
        ("/en/states/", "/ru/states/", "Казахстан"),
        ("/en/states/?status=observer", "/en/states/?status=member", _KAZAKHSTAN_ROW),
        ("/en/states/?as_of=1990-01-01", "/en/states/", _KAZAKHSTAN_ROW),
        ("/en/meetings/?year=1999", "/en/meetings/?year=2022", '<time datetime="2022-'),
        (
            "/en/documents/?type=treaty",
            "/en/documents/?type=founding",
            "<td>founding document</td>",
        ),
    ],
)
def test_a_list_page_is_cached_apart_for_each_language_filter_and_date(
    db, client, first, second, only_in_second
):
    assert only_in_second not in client.get(first).content.decode()
    assert only_in_second in client.get(second).content.decode()


class _Undone(Exception):
    pass


def test_a_change_undone_and_another_of_the_same_number_is_told_apart(client, secretariat_officer):
    """Two timelines reach the same sequence number, as when a backup is restored while the
    server runs: the newest entry's hash keeps the first timeline's page from the second."""
    kazakhstan = State.objects.get(code="KZ")
    client.get("/en/states/")
    with pytest.raises(_Undone), transaction.atomic():
        registry.rename_state(
            acting_user=secretariat_officer,
            state=kazakhstan,
            name_en="Undone Name",
            name_ru="Казахстан",
        )
        assert "Undone Name" in _main(client.get("/en/states/"))
        raise _Undone
    registry.rename_state(
        acting_user=secretariat_officer, state=kazakhstan, name_en="Kept Name", name_ru="Казахстан"
    )

    page = _main(client.get("/en/states/"))
    assert "Kept Name" in page
    assert "Undone Name" not in page
