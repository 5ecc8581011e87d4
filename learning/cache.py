"""Django's Redis cache, failing soft: while Redis cannot be reached, reads are
misses and writes are dropped, so a cache outage makes pages slower, never broken.

Short socket timeouts keep a vanished Redis from hanging requests, and after a
failure the process leaves Redis alone for a few seconds rather than paying a
timeout on every call. Each process logs the outage at most once a minute.
"""

import functools
import logging
from time import monotonic

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
SOCKET_TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
RETRY_AFTER_SECONDS = 5
WARN_EVERY_SECONDS = 60


def fail_soft(fallback):
    """Run the Redis call; while Redis is unreachable, answer `fallback(*args)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args):
            if monotonic() < self.unreachable_until:
                return fallback(*args)
            try:
                return method(self, *args)
            except UNREACHABLE as error:
                self.went_unreachable(error)
                return fallback(*args)

        return wrapper

    return decorate


def key_not_found(key, delta):
    # What incr() raises for a missing key: callers already treat it as a miss.
    raise ValueError(f"Key '{key}' not found.")


class FailSoftRedisCacheClient(RedisCacheClient):
    unreachable_until = 0.0
    warned_at = None

    def went_unreachable(self, error):
        now = monotonic()
        self.unreachable_until = now + RETRY_AFTER_SECONDS
        if self.warned_at is None or now - self.warned_at >= WARN_EVERY_SECONDS:
            self.warned_at = now
            logger.warning("Cache unreachable, serving without it: %s", error)

    add = fail_soft(lambda key, value, timeout: False)(RedisCacheClient.add)
    get = fail_soft(lambda key, default: default)(RedisCacheClient.get)
    set = fail_soft(lambda key, value, timeout: None)(RedisCacheClient.set)
    touch = fail_soft(lambda key, timeout: False)(RedisCacheClient.touch)
    delete = fail_soft(lambda key: False)(RedisCacheClient.delete)
    get_many = fail_soft(lambda keys: {})(RedisCacheClient.get_many)
    has_key = fail_soft(lambda key: False)(RedisCacheClient.has_key)
    incr = fail_soft(key_not_found)(RedisCacheClient.incr)
    set_many = fail_soft(lambda data, timeout: None)(RedisCacheClient.set_many)
    delete_many = fail_soft(lambda keys: None)(RedisCacheClient.delete_many)
    clear = fail_soft(lambda: False)(RedisCacheClient.clear)


class FailSoftRedisCache(RedisCache):
    """`CACHES` backend: LOCATION is a redis:// URL; OPTIONS may override the
    socket timeouts. MAX_TIMEOUT (seconds), when given, caps how long any entry
    lives, whatever timeout the caller asks for."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailSoftRedisCacheClient
        self._options = {**SOCKET_TIMEOUTS, **self._options}
        self.max_timeout = params.get("MAX_TIMEOUT")

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        timeout = super().get_backend_timeout(timeout)
        if self.max_timeout is None or (timeout is not None and timeout <= 0):
            return timeout
        return self.max_timeout if timeout is None else min(timeout, self.max_timeout)
