"""The records cache in Redis, shared by every worker of every machine (CICA_CACHE_URL).

Django's own RedisCache, except that Redis out of reach (restarting, a network cut) is a miss
and a set that is not kept: the page is built from the database, as on a cold cache, instead of
failing. Nothing in it is the only copy of anything: each entry is a read of the database,
keyed by the head of the audit chain (cica.core.cache).
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# After a failure, how long requests go straight to the database before trying Redis again, so
# that a Redis that is down costs each request nothing, not a connection timeout per read.
RETRY_SECONDS = 5.0


class SharedRecordsCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _reachable(self) -> bool:
        return time.monotonic() >= self._down_until

    def _unreachable(self, error: Exception) -> None:
        if self._reachable():
            logger.warning(
                "The records cache (CICA_CACHE_URL) is out of reach, pages are built from the "
                "database for %.0f s: %s",
                RETRY_SECONDS,
                error,
            )
        self._down_until = time.monotonic() + RETRY_SECONDS

    def get(self, key, default=None, version=None):
        if not self._reachable():
            return default
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return default

    def get_many(self, keys, version=None):
        if not self._reachable():
            return {}
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return {}

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not self._reachable():
            return False
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not self._reachable():
            return
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
