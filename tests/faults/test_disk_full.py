"""A full disk: the SQLite database sits on a small tmpfs, which is then filled. Writes get 503
with Retry-After and no traceback, change nothing, reads go on; once space is freed, writes
succeed with no manual step, the database passes its integrity check and the chain verifies.

Needs root to mount the tmpfs (skipped otherwise, and on PostgreSQL, whose disk is the
cluster's). Bounded: a dozen requests, every wait with a time limit.
"""

import contextlib
import json
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from cica.core.backup import sqlite_integrity
from tests.faults.harness import HOST, child

pytestmark = pytest.mark.faults


@pytest.fixture
def small_disk(fault_env):
    """fault_env's data folder, on a tmpfs of 64 MB."""
    if fault_env.get("CICA_DATABASE_URL"):
        pytest.skip("the database is PostgreSQL's cluster, not a file on the small disk")
    disk = Path(fault_env["CICA_DATA_DIR"])
    disk.mkdir(parents=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _request(url: str, token: str | None = None, body: dict | None = None):
    request = urllib.request.Request(url, method="POST" if body is not None else "GET")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    data = json.dumps(body).encode() if body is not None else None
    if data:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, data=data, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _fill(disk: Path) -> Path:
    """Write until the disk refuses another byte."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as file:
        for size in (1 << 20, 1 << 12, 1):
            with contextlib.suppress(OSError):
                while True:
                    file.write(b"\0" * size)
    return filler


def _comments(disk: Path) -> tuple[int, int]:
    database = sqlite3.connect(disk / "cica.sqlite3", timeout=20)
    try:
        return (
            database.execute("SELECT COUNT(*) FROM decisions_comment").fetchone()[0],
            database.execute("SELECT COUNT(*) FROM core_auditentry").fetchone()[0],
        )
    finally:
        database.close()


def test_a_full_disk_answers_503_and_recovers(small_disk, fault_env, server):
    # given: a server whose database lives on the small disk, and an empty write-ahead log, so
    # that the next write needs new space
    until = time.monotonic() + 120
    site = child("prepare", fault_env, {"delegates": 1, "procedures": 1}, timeout=90)
    server.start(until)
    base = f"http://{HOST}:{server.port}/api/v1"
    token, comments = site["tokens"][0], f"{base}/procedures/{site['procedures'][0]}/comments"
    assert _request(comments, token, {"text": "before the disk fills"})[0] == 201
    database = sqlite3.connect(small_disk / "cica.sqlite3", timeout=20)
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    before = _comments(small_disk)

    # when: the disk fills up, then space is freed
    filler = _fill(small_disk)
    refused = [_request(comments, token, {"text": f"on a full disk {n}"}) for n in range(5)]
    read = _request(f"{base}/states/KZ")
    after_refusals = _comments(small_disk)
    filler.unlink()
    accepted = _request(comments, token, {"text": "after space was freed"})

    # then
    for status, headers, body in refused:
        assert status == 503, body
        assert headers["Retry-After"] == "5"
        assert headers["Content-Type"] == "application/problem+json"
        assert "Traceback" not in body
    assert read[0] == 200
    assert after_refusals == before
    assert accepted[0] == 201
    assert _comments(small_disk) == (before[0] + 1, before[1] + 1)
    server.kill()
    assert sqlite_integrity(small_disk / "cica.sqlite3") == "ok"
    verified = subprocess.run(
        [sys.executable, "-m", "cica.cli", "audit", "verify"],
        env=fault_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert verified.returncode == 0, verified.stderr
