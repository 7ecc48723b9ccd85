"""Two app machines behind one proxy: two `cica serve` on two loopback ports, one database
(PostgreSQL under make test-postgres, else one SQLite file) and one Redis (CICA_CACHE_URL).

A change through one server is seen at once through the other, and a cached page is built once
for both: the second server's request finds the first's entry in Redis and builds nothing.
Serial: it runs `cica init` (about a minute, most of it compressing the static files) and two
servers. Every wait is bounded; the servers are killed in a finally."""

import html
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request

import pytest
import redis

from tests.faults.harness import HOST, ROOT, Server, database_of_its_own, left

pytestmark = pytest.mark.serial

REQUEST_SECONDS = 30
# What differs between two renderings of one page: the CSP nonce and the CSRF token.
PER_RESPONSE = re.compile(r'(nonce|value)="[^"]*"')


def _cica(env: dict, until: float, *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "cica.cli", *arguments],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=left(until),
    )
    assert done.returncode == 0, f"cica {' '.join(arguments)}:\n{done.stderr[-3000:]}"
    return done.stdout


def _get(server: Server, path: str) -> str:
    with urllib.request.urlopen(
        f"http://{HOST}:{server.port}{path}", timeout=REQUEST_SECONDS
    ) as response:
        assert response.status == 200
        return response.read().decode()


def _patch(server: Server, path: str, token: str, body: dict) -> dict:
    request = urllib.request.Request(
        f"http://{HOST}:{server.port}{path}",
        data=json.dumps(body).encode(),
        method="PATCH",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=REQUEST_SECONDS) as response:
        assert response.status == 200
        return json.loads(response.read())


def _fragments(store: redis.Redis) -> set[bytes]:
    """The cached fragments of the documents list, one per version and page."""
    return set(store.keys("cica:*template.cache.document_list.*"))


def _misses(store: redis.Redis) -> int:
    return store.info("stats")["keyspace_misses"]


def test_two_servers_share_one_database_and_one_cache(tmp_path, redis_url):
    until = time.monotonic() + 900
    env = {
        **os.environ,
        "CICA_DATA_DIR": str(tmp_path / "data"),
        "CICA_ENV": "local",
        "CICA_DEBUG": "0",
        "CICA_LOG_LEVEL": "WARNING",
        "CICA_CACHE_URL": redis_url,
        # Machines that share a database share the key that signs sessions and tokens' links.
        "CICA_SECRET_KEY": secrets.token_urlsafe(50),
    }
    store = redis.Redis.from_url(redis_url)
    with database_of_its_own(env) as env:
        _cica(env, until, "init")
        added = _cica(env, until, "user", "add", "two-machines", "--role", "secretariat", "--token")
        token = added.strip().splitlines()[-1]
        store.flushdb()

        one, other = Server(env, tmp_path / "one.log", 1), Server(env, tmp_path / "other.log", 1)
        try:
            one.start(until)
            other.start(until)

            # Built once, through the first server: one fragment of the documents list.
            page = _get(one, "/en/documents/")
            built = _fragments(store)
            assert len(built) == 1, built
            keys, misses = set(store.keys()), _misses(store)

            # The second server finds it: the same page, no miss, nothing new in Redis.
            assert PER_RESPONSE.sub("", _get(other, "/en/documents/")) == PER_RESPONSE.sub("", page)
            assert _misses(store) == misses
            assert set(store.keys()) == keys

            # A change through the first server is seen at once through the second.
            key = re.search(r'<tbody>.*?href="/en/documents/([^/"]+)/"', page, re.S).group(1)
            title = f"Renamed through the first machine {secrets.token_hex(4)}"
            assert _patch(one, f"/api/v1/documents/{key}", token, {"title_en": title})
            changed = _get(other, "/en/documents/")
            assert title in html.unescape(changed)

            # ... built once more, by the second server this time, and found by the first.
            rebuilt = _fragments(store) - built
            assert len(rebuilt) == 1, rebuilt
            keys, misses = set(store.keys()), _misses(store)
            assert title in html.unescape(_get(one, "/en/documents/"))
            assert _misses(store) == misses
            assert set(store.keys()) == keys
        except BaseException:
            print(f"first server:\n{one.tail()}\nsecond server:\n{other.tail()}")
            raise
        finally:
            one.kill()
            other.kill()
