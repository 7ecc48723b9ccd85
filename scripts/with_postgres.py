"""Run a command against a throwaway PostgreSQL cluster on a loopback port, then remove it.

    python scripts/with_postgres.py pytest -x
    python scripts/with_postgres.py --cluster /var/tmp/cica-pg pytest tests/decisions --reuse-db

The command sees CICA_DATABASE_URL pointing at the new cluster's `cica` database, and
CICA_TEST_PG_CTL, the cluster's pg_ctl command (JSON), for a test that restarts it. pytest-xdist's
workers (`pytest -n 2`) each make a test database of their own in the one cluster.

With `--cluster DIR` the cluster lives in DIR, made on first use and kept (stopped) afterwards,
so that `pytest --reuse-db` finds its test databases again on the next run.
"""

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile


def _bindir() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        sys.exit("PostgreSQL is not installed: apt-get install postgresql")
    return os.path.dirname(found[-1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(command: list[str], cluster: str | None = None) -> int:
    bindir, port = _bindir(), _free_port()
    if cluster:
        root = os.path.abspath(os.path.expanduser(cluster))
        os.makedirs(root, mode=0o700, exist_ok=True)
    else:
        root = tempfile.mkdtemp(prefix="cica-pg-")
    # initdb refuses to run as root: run the server as Debian's `postgres` user then.
    as_server = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(root, account.pw_uid, account.pw_gid)
        as_server = ["runuser", "-u", "postgres", "--"]
    data, log = os.path.join(root, "data"), os.path.join(root, "server.log")
    new = not os.path.exists(os.path.join(data, "PG_VERSION"))

    def server(*args: str) -> None:
        subprocess.run([*as_server, *args], check=True, stdout=subprocess.DEVNULL)

    try:
        if new:
            server(
                f"{bindir}/initdb",
                "-D",
                data,
                "-U",
                "cica",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            )
        # Loopback only; fsync off: the cluster is thrown away, or holds only test databases.
        options = f"-h 127.0.0.1 -p {port} -k {root} -F"
        server(f"{bindir}/pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "start")
        if new:
            server(f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "cica", "cica")
        env = {
            **os.environ,
            "CICA_DATABASE_URL": f"postgres://cica@127.0.0.1:{port}/cica",
            # For the fault test that restarts the cluster mid-load: pg_ctl, ready for "stop"
            # or "start".
            "CICA_TEST_PG_CTL": json.dumps(
                [*as_server, f"{bindir}/pg_ctl", "-D", data, "-l", log, "-o", options, "-w"]
            ),
        }
        return subprocess.run(command, env=env).returncode
    finally:
        if os.path.exists(os.path.join(data, "postmaster.pid")):
            # A kept cluster stops cleanly, to start again without recovery.
            mode = "fast" if cluster else "immediate"
            server(f"{bindir}/pg_ctl", "-D", data, "-m", mode, "-w", "stop")
        if not cluster:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    arguments, cluster = sys.argv[1:], None
    if arguments[:1] == ["--cluster"] and len(arguments) > 1:
        cluster, arguments = arguments[1], arguments[2:]
    if not arguments:
        sys.exit(__doc__)
    sys.exit(main(arguments, cluster))
