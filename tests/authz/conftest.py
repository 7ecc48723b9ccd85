"""The authorization suite runs on the date of docs/authorization.md, with files of its own."""

import pytest
import time_machine

from tests.authz.cast import NOW


@pytest.fixture(autouse=True)
def clock_at_now():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Attachments go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
