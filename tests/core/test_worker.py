"""What the worker catches up on as it starts: each app's own, in the order of INSTALLED_APPS."""

from cica.core import worker
from cica.documents.tasks import extract_pending


def test_adoptions_are_settled_before_the_texts_of_files_are_enqueued():
    catch_ups = worker.catch_ups()

    assert [function.__name__ for function in catch_ups] == [
        "enqueue_kept_reads",
        "_settle_due_procedures",
        "extract_pending",
    ]
    assert catch_ups[2] is extract_pending


def test_a_catch_up_is_added_once(monkeypatch):
    monkeypatch.setattr(worker, "_CATCH_UPS", [])

    def catch_up():
        pass

    worker.catch_up_on_start(catch_up)
    worker.catch_up_on_start(catch_up)

    assert worker.catch_ups() == [catch_up]
