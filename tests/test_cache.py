"""The Redis cache fails soft: with Redis unreachable, reads are misses, writes are
dropped, quickly, with one warning; with Redis up it is Django's Redis cache."""

import logging
import os
import socket
import threading
import time
import uuid

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from learning.accounts.throttle import throttled
from learning.cache import FailSoftRedisCache

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def redis_cache(location, **options):
    return FailSoftRedisCache(
        location, {"KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}", "OPTIONS": options}
    )


def test_an_unreachable_redis_reads_as_misses_and_drops_writes_quickly(caplog):
    down = redis_cache(UNREACHABLE)
    started = time.monotonic()

    with caplog.at_level(logging.WARNING, logger="learning.cache"):
        assert down.get("key", "default") == "default"
        down.set("key", "value")
        assert down.add("key", "value") is False
        assert down.get_many(["key", "other"]) == {}
        down.set_many({"key": 1, "other": 2})
        assert down.has_key("key") is False
        assert down.touch("key") is False
        assert down.delete("key") is False
        down.delete_many(["key", "other"])
        with pytest.raises(ValueError):
            down.incr("key")
        assert down.clear() is False

    assert time.monotonic() - started < 1
    warnings = [r for r in caplog.records if r.name == "learning.cache"]
    assert [r.levelname for r in warnings] == ["WARNING"]
    assert "Cache unreachable" in warnings[0].getMessage()


def test_a_redis_that_stays_down_is_logged_once_a_minute(caplog, monkeypatch):
    down = redis_cache(UNREACHABLE)
    clock = [1000.0]
    monkeypatch.setattr("learning.cache.monotonic", lambda: clock[0])

    with caplog.at_level(logging.WARNING, logger="learning.cache"):
        for _ in range(30):  # a call every 5 s for 2.5 minutes, Redis down
            down.get("key")
            clock[0] += 5

    assert len([r for r in caplog.records if r.name == "learning.cache"]) == 3


def test_a_redis_that_never_answers_costs_one_short_timeout_then_nothing():
    # Connections are accepted (by the kernel) and never answered: a hung Redis.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        hung = redis_cache(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        timings = []

        def read_twenty_times():
            for _ in range(20):
                started = time.monotonic()
                assert hung.get("key", "default") == "default"
                timings.append(time.monotonic() - started)

        reader = threading.Thread(target=read_twenty_times, daemon=True)
        reader.start()
        reader.join(timeout=10)

    assert len(timings) == 20, f"still waiting after 10 s: {timings}"
    assert timings[0] < 1
    assert sum(timings[1:]) < 0.05


def test_throttles_let_requests_through_while_the_cache_is_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "learning.cache.FailSoftRedisCache",
            "LOCATION": UNREACHABLE,
        }
    }
    request = RequestFactory().post("/accounts/signup/")

    assert cache.get("anything") is None
    assert not any(throttled(request, "signup", "a@example.org") for _ in range(10))


@pytest.mark.broker
def test_with_redis_up_it_is_an_ordinary_shared_cache():
    up = redis_cache(os.environ["TEST_BROKER_URL"])
    other_process = redis_cache(os.environ["TEST_BROKER_URL"])
    other_process.key_prefix = up.key_prefix

    up.set("key", {"a": 1}, 30)
    assert other_process.get("key") == {"a": 1}
    assert up.add("key", "again") is False
    up.set("count", 1, 30)
    assert other_process.incr("count", 2) == 3
    assert up.get_many(["key", "count", "missing"]) == {"key": {"a": 1}, "count": 3}
    up.delete_many(["key", "count"])
    assert other_process.get("key") is None


@pytest.mark.broker
def test_max_timeout_caps_how_long_an_entry_lives():
    capped = FailSoftRedisCache(
        os.environ["TEST_BROKER_URL"],
        {"KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}", "MAX_TIMEOUT": 300},
    )
    client = capped._cache.get_client()

    capped.set("long", "a", 3600)
    capped.set("forever", "b", None)
    capped.set("short", "c", 60)
    capped.set("gone", "d", 0)

    assert 290 < client.ttl(capped.make_and_validate_key("long")) <= 300
    assert 290 < client.ttl(capped.make_and_validate_key("forever")) <= 300
    assert 50 < client.ttl(capped.make_and_validate_key("short")) <= 60
    assert capped.get("gone") is None
    capped.delete_many(["long", "forever", "short"])
