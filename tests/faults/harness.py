"""What the fault tests share: a real `cica serve` on a loopback port, in a process group of its
own, and child processes that prepare and check a database of the test's own (crashsite.py).
Every wait has a time limit."""

import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# Time limits: a start, a kill.
START_SECONDS, KILL_SECONDS = 30, 10


def left(until: float, least: float = 1.0) -> float:
    return max(least, until - time.monotonic())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def group_alive(pgid: int) -> bool:
    """Whether a process of the group still runs (zombies excepted) — gunicorn's workers too."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _ppid, group = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, IndexError, ValueError):
            continue
        if int(group) == pgid and state != "Z":
            return True
    return False


@contextlib.contextmanager
def database_of_its_own(env: dict) -> Iterator[dict]:
    """`env` for a server and child processes on a database of the test's own: SQLite in the
    data folder `env` names, or a new database on the PostgreSQL server that CICA_DATABASE_URL
    names (make test-postgres), dropped when the block ends."""
    env = dict(env)
    url = env.pop("CICA_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield env
        return
    import psycopg

    name = f"cica_faults_{os.getpid()}_{random.randrange(10**6)}"
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env["CICA_DATABASE_URL"] = urlsplit(url)._replace(path=f"/{name}").geturl()
    try:
        yield env
    finally:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """`cica serve` on one loopback port, in a process group of its own."""

    def __init__(self, env: dict, log: Path, workers: int = 2, options: tuple[str, ...] = ()):
        self.env, self.log, self.port, self.workers = env, log, free_port(), workers
        self.options = options  # more of `cica serve`'s options, e.g. --with-worker
        self.process: subprocess.Popen | None = None
        self.starts, self.starting_seconds = 0, 0.0

    def start(self, until: float) -> None:
        command = [sys.executable, "-m", "cica.cli", "serve", "--host", HOST]
        command += ["--port", str(self.port), "--workers", str(self.workers), *self.options]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.starts += 1
        started = time.monotonic()
        limit = min(START_SECONDS, left(until))
        while time.monotonic() < started + limit:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the server exited with {self.process.returncode}:\n{self.tail()}"
                )
            with socket.socket() as sock:
                if sock.connect_ex((HOST, self.port)) == 0:
                    self.starting_seconds += time.monotonic() - started
                    return
            time.sleep(0.05)
        raise RuntimeError(f"nothing answers on {HOST}:{self.port} after {limit:.0f} s")

    def kill(self) -> None:
        """kill -9 of the whole process group: the master and every worker, mid-request."""
        if self.process is None:
            return
        process, self.process = self.process, None
        pgid = process.pid  # start_new_session: the master leads its group
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        process.wait(timeout=KILL_SECONDS)
        deadline = time.monotonic() + KILL_SECONDS
        while group_alive(pgid) and time.monotonic() < deadline:
            time.sleep(0.02)

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def child(operation: str, env: dict, given: dict, timeout: float) -> dict:
    """Run tests/faults/crashsite.py on the test's database; its last line is the JSON answer."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.faults.crashsite", operation],
        input=json.dumps(given),
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        pytest.fail(f"crashsite {operation} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
