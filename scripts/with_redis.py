"""Run a command against a throwaway Redis on a loopback port, then stop it.

    python scripts/with_redis.py pytest tests/core tests/authz/test_cached_reads.py
    python scripts/with_postgres.py python scripts/with_redis.py cica serve --workers 4

The command sees CICA_CACHE_URL pointing at the new server: the records cache of every process
it starts is that one Redis. The server keeps nothing on disk (no snapshots, no append-only
file) and its folder is removed afterwards. Debian's `redis-server` package is enough; its own
service need not run. The suite empties the records cache after each test, which in Redis
empties the whole database: run pytest without `-n` under it.

`redis_server()` is the same for Python code (the tests' fixture).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

START_SECONDS, STOP_SECONDS = 20, 10


def executable() -> str | None:
    """redis-server's path, or None when it is not installed."""
    return shutil.which("redis-server", path=f"{os.environ.get('PATH', '')}:/usr/bin:/usr/sbin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """Start redis-server on a free loopback port in a temporary folder; yield its URL
    (redis://127.0.0.1:PORT/0); stop it and remove the folder when the block ends."""
    server = executable()
    if server is None:
        raise FileNotFoundError("Redis is not installed: apt-get install redis-server")
    root, port = tempfile.mkdtemp(prefix="cica-redis-"), free_port()
    command = [
        server,
        "--port", str(port),
        "--bind", "127.0.0.1",
        "--save", "",
        "--appendonly", "no",
        "--dir", root,
        "--logfile", os.path.join(root, "server.log"),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log = Path(root) / "server.log"
                text = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise RuntimeError(f"redis-server did not start on port {port}:\n{text}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_SECONDS)
        shutil.rmtree(root, ignore_errors=True)


def main(command: list[str]) -> int:
    with redis_server() as url:
        return subprocess.run(command, env={**os.environ, "CICA_CACHE_URL": url}).returncode


if __name__ == "__main__":
    if not sys.argv[1:]:
        sys.exit(__doc__)
    if executable() is None:
        sys.exit("Redis is not installed: apt-get install redis-server")
    sys.exit(main(sys.argv[1:]))
