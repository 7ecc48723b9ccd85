"""Crash faults: the server is killed with SIGKILL at random points during 2,000 writes, and
restarted, again and again. Afterwards every acknowledged (2xx) write is stored exactly once, no
comment is without its audit entry, SQLite's integrity check passes and the audit chain verifies.

The test prepares its own database (a temporary CICA_DATA_DIR; on PostgreSQL, a database of its
own beside the one CICA_DATABASE_URL names), runs the real `cica serve` in its own process group
on 127.0.0.1, and has delegates comment on open silence procedures through the API from several
threads, each comment carrying a unique marker. A write cut off by a kill has no answer: it may
or may not be stored, once at most. A write the server refused (4xx, 5xx) must not be stored.

Bounded: CICA_CRASH_WRITES writes (default 2000) and CICA_CRASH_KILLS kills (default 8); the
test keeps within CICA_CRASH_SECONDS (default 115; on two cores it takes 35-65 s on SQLite,
75-95 s on PostgreSQL, most of it in restarts), its writes stopping 20 s before the end whatever
happens; every wait and child process has a time limit, and the server's process group is killed
on the way out, failed or not.
CICA_CRASH_SEED seeds the kill points and the clients' choices; where a kill falls within a
request is the machine's timing.
"""

import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cica.core.backup import sqlite_integrity
from tests.faults.harness import HOST, Server, child, left

pytestmark = [pytest.mark.faults, pytest.mark.serial]

WRITES = int(os.environ.get("CICA_CRASH_WRITES", 2000))
KILLS = int(os.environ.get("CICA_CRASH_KILLS", 8))
TEST_SECONDS = float(os.environ.get("CICA_CRASH_SECONDS", 115))
SEED = int(os.environ.get("CICA_CRASH_SEED", 20240917))
CLIENTS, DELEGATES, PROCEDURES = 6, 6, 4  # the server runs 2 workers (harness.Server)
# Time limits: a request; and what the checks keep of TEST_SECONDS.
REQUEST_SECONDS, CHECK_SECONDS = 15, 20


# ---- the writes ---------------------------------------------------------------------------------


class Ledger:
    """Every write attempted, by its marker, and what became of it."""

    def __init__(self, total: int):
        self.total, self.attempted, self.lock = total, 0, threading.Lock()
        self.acknowledged: dict[str, dict | None] = {}  # marker -> the server's answer
        self.interrupted: list[str] = []  # sent, no answer: the connection died with the server
        self.refused: dict[str, int] = {}  # marker -> HTTP status other than 2xx
        self.unreachable = 0  # connections refused while the server was down: nothing sent

    def take(self) -> int | None:
        with self.lock:
            if self.attempted >= self.total:
                return None
            self.attempted += 1
            return self.attempted

    def note(self, marker: str, status: int, body: bytes) -> None:
        with self.lock:
            if 200 <= status < 300:
                try:
                    self.acknowledged[marker] = json.loads(body)
                except ValueError:
                    self.acknowledged[marker] = None
            elif status:
                self.refused[marker] = status
            else:
                self.interrupted.append(marker)


def _writer(number, tokens, procedures, server, ledger, up, stop):
    """One delegate's client: a new connection per write (gunicorn's sync workers close it)."""
    rng = random.Random(SEED * 100 + number)
    headers = {
        "Authorization": f"Bearer {tokens[number % len(tokens)]}",
        "Content-Type": "application/json",
    }
    while not stop.is_set():
        if not up.wait(timeout=0.5):
            continue
        connection = http.client.HTTPConnection(HOST, server.port, timeout=REQUEST_SECONDS)
        try:
            connection.connect()
        except OSError:
            with ledger.lock:
                ledger.unreachable += 1
            time.sleep(0.02)
            continue
        ticket = ledger.take()
        if ticket is None:
            connection.close()
            return
        marker = f"crash-{SEED}-{ticket:05d}-{number}"
        path = f"/api/v1/procedures/{rng.choice(procedures)}/comments"
        try:
            connection.request("POST", path, json.dumps({"text": marker}), headers)
            response = connection.getresponse()
            status, body = response.status, response.read()
        except (OSError, http.client.HTTPException):
            status, body = 0, b""  # reset or refused mid-request: the kill
        finally:
            connection.close()
        ledger.note(marker, status, body)


def _run_load(
    server: Server, site: dict, rng: random.Random, until: float
) -> tuple[Ledger, int, int]:
    """Start the server, write from CLIENTS threads, kill -9 and restart it at KILLS random
    points, and finish with one more kill once every write has had its answer (or at `until`,
    and the requests still in flight have had REQUEST_SECONDS more)."""
    ledger, up, stop = Ledger(WRITES), threading.Event(), threading.Event()
    margin = max(1, WRITES // 20)
    points = sorted(rng.sample(range(margin, WRITES - margin), min(KILLS, WRITES - 2 * margin)))
    threads = [
        threading.Thread(
            target=_writer,
            args=(n, site["tokens"], site["procedures"], server, ledger, up, stop),
            daemon=True,
        )
        for n in range(CLIENTS)
    ]
    kills = 0
    try:
        server.start(until)
        up.set()
        for thread in threads:
            thread.start()
        for point in points:
            while ledger.attempted < point and time.monotonic() < until:
                time.sleep(0.002)
            if time.monotonic() >= until:
                break
            time.sleep(rng.uniform(0, 0.05))  # somewhere inside the requests in flight
            up.clear()
            server.kill()
            kills += 1
            server.start(until)
            up.set()
        while any(t.is_alive() for t in threads) and time.monotonic() < until:
            time.sleep(0.01)
    finally:
        stop.set()
        up.set()
        joined = time.monotonic() + REQUEST_SECONDS + 2
        for thread in threads:
            if thread.ident is not None:  # started
                thread.join(timeout=left(joined, least=0))
        server.kill()  # the last stop is a crash too: SQLite's WAL is left to recover
    return ledger, kills, len(points)


def _sqlite_integrity(env: dict) -> str:
    if env.get("CICA_DATABASE_URL"):
        return "skipped (PostgreSQL)"
    return sqlite_integrity(Path(env["CICA_DATA_DIR"]) / "cica.sqlite3")


# ---- the test -----------------------------------------------------------------------------------


def test_acknowledged_writes_survive_kill_9_of_the_server(fault_env, server):
    # given
    started = time.monotonic()
    end = started + TEST_SECONDS
    given = {"delegates": DELEGATES, "procedures": PROCEDURES}
    site = child("prepare", fault_env, given, timeout=left(end - CHECK_SECONDS))
    prepared = time.monotonic()

    # when
    ledger, kills, planned = _run_load(server, site, random.Random(SEED), end - CHECK_SECONDS)
    loaded = time.monotonic()

    # then
    integrity = _sqlite_integrity(fault_env)
    found = child(
        "check",
        fault_env,
        {
            "procedures": site["procedures"],
            "acknowledged": ledger.acknowledged,
            "interrupted": ledger.interrupted,
            "refused": ledger.refused,
        },
        timeout=left(end, least=10),
    )
    verify = subprocess.run(
        [sys.executable, "-m", "cica.cli", "audit", "verify"],
        env=fault_env,
        capture_output=True,
        text=True,
        timeout=left(end, least=10),
    )
    database = "postgresql" if fault_env.get("CICA_DATABASE_URL") else "sqlite"
    statuses = ",".join(str(s) for s in sorted(set(ledger.refused.values()))) or "-"
    chain = "intact" if found["chain_ok"] else f"BROKEN ({found['chain_reason']})"
    print(
        f"\ncrash {database}: {ledger.attempted} writes attempted, {len(ledger.acknowledged)}"
        f" acknowledged, {len(ledger.interrupted)} cut off by a kill"
        f" ({found['interrupted_stored']} of them stored), {len(ledger.refused)} refused"
        f" (HTTP {statuses}), {ledger.unreachable} connections refused while down;"
        f" {kills} kills, {server.starts} starts"
        f" ({server.starting_seconds / max(1, server.starts):.1f} s each to listen), seed {SEED};"
        f" lost {found['lost']}, duplicated {found['duplicated']},"
        f" without audit entry {found['without_audit_entry']},"
        f" audit entry without comment {found['audit_entry_without_comment']},"
        f" receipts wrong {found['receipt_mismatch']},"
        f" refused but stored {found['refused_but_stored']}, stray {found['stray']};"
        f" integrity {integrity}; chain {chain}, {found['chain_entries']} entries;"
        f" {prepared - started:.0f} s to prepare, {loaded - prepared:.0f} s of writes,"
        f" {time.monotonic() - started:.0f} s in all",
        flush=True,
    )
    faults = {
        key: found[key]
        for key in (
            "lost",
            "duplicated",
            "without_audit_entry",
            "audit_entry_without_comment",
            "receipt_mismatch",
            "refused_but_stored",
            "stray",
        )
    }
    assert faults == dict.fromkeys(faults, 0), server.tail()
    assert integrity in ("ok", "skipped (PostgreSQL)")
    assert found["chain_ok"], found["chain_reason"]
    assert verify.returncode == 0 and "intact" in verify.stdout, verify.stderr
    # Bounded by time as well as by count: a slow machine shows here, after the checks.
    assert (ledger.attempted, kills) == (WRITES, planned), (
        f"only {ledger.attempted} writes and {kills} kills in {TEST_SECONDS:.0f} s:"
        " raise CICA_CRASH_SECONDS or lower CICA_CRASH_WRITES"
    )
    assert len(ledger.acknowledged) > 0
