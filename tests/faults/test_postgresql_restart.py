"""PostgreSQL stopped and started again under load: while it is down the server answers 503 with
Retry-After, never a 500, and stores nothing it refused; when it is back the server writes again
with no manual step, and every acknowledged write is there once, with its audit entry.

Runs under scripts/with_postgres.py, which names the cluster's pg_ctl in CICA_TEST_PG_CTL.
Bounded: four clients for about eight seconds.
"""

import http.client
import json
import os
import subprocess
import threading
import time

import pytest

from tests.faults.harness import HOST, child

pytestmark = [pytest.mark.faults, pytest.mark.serial]

CLIENTS, DOWN_SECONDS = 4, 2.0


def _pg_ctl(*operation: str) -> None:
    command = json.loads(os.environ["CICA_TEST_PG_CTL"])
    subprocess.run([*command, *operation], check=True, capture_output=True, timeout=60)


class Load:
    """Clients commenting until told to stop; every answer noted by the comment's marker."""

    def __init__(self, port: int, token: str, procedure: int):
        self.port, self.token, self.procedure = port, token, procedure
        self.answers: list[tuple[float, str, int, dict, bytes]] = []
        self.stop, self.lock = threading.Event(), threading.Lock()

    def client(self, number: int) -> None:
        sent = 0
        while not self.stop.is_set():
            sent += 1
            marker = f"restart-{number}-{sent}"
            connection = http.client.HTTPConnection(HOST, self.port, timeout=15)
            try:
                connection.request(
                    "POST",
                    f"/api/v1/procedures/{self.procedure}/comments",
                    json.dumps({"text": marker}),
                    {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
                )
                response = connection.getresponse()
                answer = (response.status, dict(response.headers), response.read())
            except (OSError, http.client.HTTPException):
                answer = (0, {}, b"")
            finally:
                connection.close()
            with self.lock:
                self.answers.append((time.monotonic(), marker, *answer))
            time.sleep(0.01)


def test_the_server_rides_out_a_postgresql_restart(fault_env, server):
    if "CICA_TEST_PG_CTL" not in os.environ:
        pytest.skip("needs the throwaway cluster of scripts/with_postgres.py")
    # given
    site = child("prepare", fault_env, {"delegates": 1, "procedures": 1}, timeout=90)
    server.start(time.monotonic() + 60)
    load = Load(server.port, site["tokens"][0], site["procedures"][0])
    clients = [threading.Thread(target=load.client, args=(n,), daemon=True) for n in range(CLIENTS)]
    for thread in clients:
        thread.start()

    # when: the database goes away under load, then comes back
    try:
        time.sleep(1.5)
        _pg_ctl("stop", "-m", "fast")
        stopped = time.monotonic()
        time.sleep(DOWN_SECONDS)
        # The database may answer before `pg_ctl start -w` has seen it ready: "down" ends when
        # the start begins, "up again" counts from when it has returned.
        starting = time.monotonic()
        _pg_ctl("start")
        started = time.monotonic()
        time.sleep(3)
    finally:
        load.stop.set()
        for thread in clients:
            thread.join(timeout=20)

    # then
    statuses = [status for _, _, status, _, _ in load.answers]
    during = [a for a in load.answers if stopped + 0.5 < a[0] < starting]
    after = [a for a in load.answers if a[0] > started + 1.5]
    assert 500 not in statuses
    assert during and all(status == 503 for _, _, status, _, _ in during)
    assert all(headers.get("Retry-After") == "5" for _, _, _, headers, _ in during)
    assert all(b"Traceback" not in body for *_, body in during)
    assert after and all(status == 201 for _, _, status, _, _ in after)
    found = child(
        "check",
        fault_env,
        {
            "procedures": site["procedures"],
            "acknowledged": {m: json.loads(b) for _, m, s, _, b in load.answers if s == 201},
            "interrupted": [m for _, m, s, _, _ in load.answers if s == 0],
            "refused": {m: s for _, m, s, _, _ in load.answers if s not in (0, 201)},
        },
        timeout=60,
    )
    faults = ("lost", "duplicated", "without_audit_entry", "refused_but_stored", "stray")
    assert {key: found[key] for key in faults} == dict.fromkeys(faults, 0)
    assert found["chain_ok"], found["chain_reason"]
    print(
        f"\npostgresql restart: {len(statuses)} writes, {statuses.count(201)} acknowledged,"
        f" {statuses.count(503)} answered 503 while down {DOWN_SECONDS:.0f} s,"
        f" {statuses.count(0)} cut off; 0 lost, 0 refused but stored; chain intact"
    )
