"""The release this process runs: what every shared page's ETag (core.conditional) and every
kept read (core.kept) hold, so that a new release makes them anew."""

import datetime as dt
import hashlib
from functools import cache as once
from pathlib import Path

# The files whose change changes pages without any change to the record.
_RELEASE_SUFFIXES = {".py", ".html", ".mo", ".css", ".js", ".svg"}


@once
def release() -> tuple[str, dt.datetime]:
    """A digest of the code, templates, translations and static files of this release, and
    when the newest of them changed: a new release gives every page a new ETag."""
    root = Path(__file__).resolve().parent.parent
    digest, newest = hashlib.sha256(), 0.0
    for path in sorted(root.rglob("*")):
        if path.suffix in _RELEASE_SUFFIXES and path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
            newest = max(newest, path.stat().st_mtime)
    return digest.hexdigest()[:16], dt.datetime.fromtimestamp(int(newest), tz=dt.UTC)
