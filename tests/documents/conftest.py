"""The documents' fixtures: background tasks run at once, where a test needs their outcome."""

import pytest


@pytest.fixture
def tasks_at_once(settings, django_capture_on_commit_callbacks):
    """A context in which a task enqueued at commit runs at once (django-tasks' immediate
    backend), as the worker would run it: an attached PDF's or DOCX's text is then extracted
    before the context ends. test_files.py runs the real worker on committed data."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return lambda: django_capture_on_commit_callbacks(execute=True)
