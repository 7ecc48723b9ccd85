"""CICA_CACHE_URL: the records cache in one Redis that every process shares, memory without it.

Settings are read once per process, so each case runs Django in a child process, on the suite's
database (whose CICA data is committed once for the run), against a throwaway Redis."""

import json
import os
import subprocess
import sys

import pytest
import redis
from scripts.with_redis import free_port

from cica.core.redis_cache import SharedRecordsCache
from tests.conftest import suite_database_url

# One cached read in a fresh process: which backends it has, and how many queries the read cost.
CHILD = """
import json, django
django.setup()
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.test import Client
with CaptureQueriesContext(connection) as queries:
    states = Client(HTTP_HOST="127.0.0.1").get("/api/v1/states?page_size=50").json()
print(json.dumps({
    "records": type(caches["records"]).__module__ + "." + type(caches["records"]).__name__,
    "default": type(caches["default"]).__name__,
    "queries": len(queries),
    "members": states["count"],
}))
"""


def _child_env(cache_url: str | None) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cica.settings"}
    env.pop("CICA_CACHE_URL", None)
    if cache_url is not None:
        env["CICA_CACHE_URL"] = cache_url
    env["CICA_DATABASE_URL"] = suite_database_url()
    return env


def _run(cache_url: str | None, code: str = CHILD) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=_child_env(cache_url),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _read(cache_url: str | None) -> dict:
    done = _run(cache_url)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_a_cache_url_each_process_keeps_its_records_in_memory(db):
    first, second = _read(None), _read(None)
    assert first["records"] == "django.core.cache.backends.locmem.LocMemCache"
    assert first["default"] == "DatabaseCache"
    # Each process builds the read itself: its own memory holds nothing of the other's.
    assert first["queries"] == second["queries"] > 1


def test_a_read_built_in_one_process_is_a_hit_in_another(db, redis_url):
    first = _read(redis_url)
    assert first["records"] == "cica.core.redis_cache.SharedRecordsCache"
    # Sign-in limits and used TOTP codes stay in the database, shared and never evicted.
    assert first["default"] == "DatabaseCache"
    stored = redis.Redis.from_url(redis_url).keys("cica:*registry.states*")
    assert len(stored) == 1, stored

    second = _read(redis_url)
    # The second process only asks for the head of the audit chain: the figures come from Redis.
    assert second["queries"] == 1 < first["queries"]
    assert second["members"] == first["members"]
    assert redis.Redis.from_url(redis_url).keys("cica:*registry.states*") == stored


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379/0", "127.0.0.1:6379", "memcached://x"])
def test_a_cache_url_that_is_not_redis_stops_the_start(url):
    done = _run(url, "import django; django.setup()")
    assert done.returncode != 0
    assert "CICA_CACHE_URL must be a Redis URL" in done.stderr


def test_two_clients_share_entries_and_a_prefix_keeps_deployments_apart(redis_url):
    one = SharedRecordsCache(redis_url, {"KEY_PREFIX": "cica"})
    other = SharedRecordsCache(redis_url, {"KEY_PREFIX": "cica"})
    one.set("cica:meetings.list:7-abc", ["a row"])
    assert other.get("cica:meetings.list:7-abc") == ["a row"]
    # A deployment of its own (another prefix) sees none of it.
    assert (
        SharedRecordsCache(redis_url, {"KEY_PREFIX": "staging"}).get("cica:meetings.list:7-abc")
        is None
    )


def test_redis_out_of_reach_is_a_miss_and_the_read_is_built(caplog):
    down = SharedRecordsCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )
    built = []

    def build():
        built.append(1)
        return "the page"

    assert down.get_or_set("key", build) == "the page"
    assert down.get_or_set("key", build) == "the page"
    assert len(built) == 2
    # Said once, and the next requests go straight to the database until the pause is over.
    warnings = [r for r in caplog.records if "out of reach" in r.getMessage()]
    assert len(warnings) == 1
    assert down.get("key", "missing") == "missing"
    down.set("key", "kept nowhere")
