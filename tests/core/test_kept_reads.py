"""Kept reads (core.kept): a costly read is answered at once after a change, with the version
built before, while the worker builds the next; a restart keeps what was built."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import DatabaseError
from django_tasks_db.models import DBTaskResult

from cica.cbm import queries as cbm_queries
from cica.core.models import KeptRead
from cica.registry import actions as registry
from cica.registry.models import State

REVIEW = "/en/cbm/review/"


def _rename_kazakhstan(officer) -> None:
    """An audited change to the registry, which the review reads (the states it names)."""
    state = State.objects.get(code="KZ")
    registry.rename_state(
        acting_user=officer, state=state, name_en=f"{state.name_en} ", name_ru=state.name_ru
    )


def _review_row() -> KeptRead:
    return KeptRead.objects.get(name="cbm.review", language="en")


@pytest.fixture
def not_built_here(monkeypatch):
    """Fail the test if the review is built in this process's request."""

    def tally(*args, **kwargs):
        raise AssertionError("the review was built on a reader's request")

    monkeypatch.setattr(cbm_queries, "tally", tally)
    return monkeypatch


@pytest.mark.usefixtures("committed_reference")
def test_after_a_change_the_reader_gets_the_kept_version_and_the_worker_builds_the_next(
    client, settings, secretariat_officer, not_built_here
):
    settings.CICA_KEPT_INLINE_MS = -1  # every rebuild is costly: the worker's
    not_built_here.undo()
    first = client.get(REVIEW)
    assert first.status_code == 200 and first.has_header("ETag")
    built = _review_row()

    _rename_kazakhstan(secretariat_officer)
    not_built_here.setattr(cbm_queries, "tally", lambda *a, **k: pytest.fail("built on request"))
    caches["records"].clear()
    stale = client.get(REVIEW)

    # At once, the version built before: not shared, no validator naming the new state.
    assert stale.status_code == 200
    assert "no-cache" in stale["Cache-Control"] and not stale.has_header("ETag")
    assert stale.content == first.content
    assert _review_row().version == built.version
    enqueued = DBTaskResult.objects.filter(task_path__endswith="refresh_kept_read")
    assert enqueued.count() == 1
    # Asked again before the worker ran: the same, and no second task.
    client.get(REVIEW)
    assert enqueued.count() == 1

    not_built_here.undo()
    call_command("worker", batch=True, verbosity=0)

    assert _review_row().version != built.version
    current = client.get(REVIEW)
    assert current.has_header("ETag") and "public" in current["Cache-Control"]


def test_a_read_quick_to_build_is_built_again_on_the_request(
    client, secretariat_officer, django_capture_on_commit_callbacks
):
    client.get(REVIEW)
    built = _review_row()
    _rename_kazakhstan(secretariat_officer)

    with django_capture_on_commit_callbacks() as enqueued:
        response = client.get(REVIEW)

    assert response.has_header("ETag")
    assert _review_row().version != built.version
    assert enqueued == []


def test_a_restarted_process_answers_from_what_was_kept(db, client, not_built_here):
    not_built_here.undo()
    client.get(REVIEW)
    not_built_here.setattr(cbm_queries, "tally", lambda *a, **k: pytest.fail("built again"))
    caches["records"].clear()  # a new process: its memory holds nothing

    response = client.get(REVIEW)

    assert response.status_code == 200 and response.has_header("ETag")


def test_cica_refresh_builds_every_kept_read_in_both_languages(db):
    KeptRead.objects.all().delete()

    call_command("refresh", verbosity=0)

    assert set(KeptRead.objects.values_list("name", "language")) == {
        (name, language)
        for name in ("cbm.review", "meetings.ics", "registry.key_figures")
        for language in ("en", "ru")
    }


def test_a_read_kept_by_another_release_is_built_again(db, client):
    client.get(REVIEW)
    KeptRead.objects.filter(name="cbm.review").update(release="older", build_ms=10**6)
    caches["records"].clear()

    client.get(REVIEW)

    assert _review_row().release != "older"


def test_a_read_that_cannot_be_kept_is_still_answered(db, client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(KeptRead.objects, "update_or_create", refuse)

    response = client.get(REVIEW)

    assert response.status_code == 200
    assert not KeptRead.objects.filter(name="cbm.review").exists()
