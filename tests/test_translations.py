import shutil
import subprocess
from pathlib import Path

import pytest

import cica

CATALOGUE = Path(cica.__file__).parent / "locale" / "ru" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("selection", ["--untranslated", "--only-fuzzy"])
def test_the_russian_catalogue_is_complete(selection):
    if shutil.which("msgattrib") is None:
        pytest.fail("gettext is not installed: `make test` installs it")

    left = subprocess.run(
        ["msgattrib", selection, "--no-wrap", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    # Only the header entry (msgid "") may remain.
    assert left.count('msgid "') <= 1, left
