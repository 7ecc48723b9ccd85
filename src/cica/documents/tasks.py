"""Background work of the documents register, through django-tasks: the text of a PDF or DOCX.

The task is enqueued when the attachment commits, and re-reads the file: a file since removed,
or whose text is in already, is left alone, so a stale or repeated task is harmless.
"""

from django.db import transaction
from django_tasks import task


@task
def extract_file_text(file_id: int) -> None:
    from cica.documents.actions import record_file_text

    record_file_text(file_id=file_id)


def extract_later(file) -> None:
    """After commit: read the file's text, off the request path."""
    transaction.on_commit(lambda: extract_file_text.enqueue(file.pk))


def extract_pending() -> int:
    """Enqueue the extraction of every text still pending: the worker does this as it starts,
    in case a task was lost (a worker killed while it ran one). A second task for a file is
    harmless: it finds the text in and leaves it."""
    from cica.documents.models import DocumentFile

    pending = DocumentFile.objects.filter(text_status=DocumentFile.TextStatus.PENDING)
    ids = list(pending.values_list("pk", flat=True))
    for file_id in ids:
        extract_file_text.enqueue(file_id)
    return len(ids)
