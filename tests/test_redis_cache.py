"""The Redis cache backend against the machine's Redis (skipped when none answers)."""

import socket
import threading

import pytest
from django.core.cache.backends.redis import RedisCache

from participe.core.cache import ParticipeRedisCache

URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis answering on 127.0.0.1:6379")
    cache = ParticipeRedisCache(URL, {"KEY_PREFIX": "test-reuse"})
    cache.clear()
    yield cache
    cache.clear()


def test_one_client_serves_every_call(redis_cache):
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)
    assert RedisCache(URL, {})._cache.get_client() is not RedisCache(URL, {})._cache.get_client()


def test_the_reused_client_behaves_as_djangos(redis_cache):
    assert redis_cache.add("k", {"a": 1}, 30)
    assert not redis_cache.add("k", "other", 30)
    assert redis_cache.get("k") == {"a": 1}
    assert redis_cache.incr(redis_cache.set("n", 1) or "n", 5) == 6
    redis_cache.delete("k")
    assert redis_cache.get("k") is None


def test_threads_share_the_client_without_mixing_answers(redis_cache):
    errors = []

    def work(number):
        for round_ in range(200):
            key = f"t{number}-{round_}"
            redis_cache.set(key, (number, round_), 30)
            if redis_cache.get(key) != (number, round_):
                errors.append(key)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_a_hit_in_a_window_is_counted_and_the_window_expires(redis_cache):
    key = redis_cache.make_and_validate_key("rl:window")
    assert [redis_cache.incr_in_window("rl:window", 60) for _ in range(3)] == [1, 2, 3]
    assert redis_cache.get("rl:window") == 3
    client = redis_cache._cache.get_client(key)
    assert 0 < client.ttl(key) <= 60  # set on the first hit, never left without one
    client.persist(key)  # a key that lost its expiry (Django's EXISTS-then-INCR could leave one)…
    client.delete(key)
    assert redis_cache.incr_in_window("rl:window", 5) == 1  # …or expired: the next hit opens a new window
    assert 0 < client.ttl(key) <= 5


def test_the_rate_limiter_counts_through_redis_in_one_round_trip(redis_cache, monkeypatch, rf, settings):
    from participe.core import ratelimit

    monkeypatch.setattr(ratelimit, "cache", redis_cache)
    calls = []
    real = redis_cache._cache.get_client
    monkeypatch.setattr(redis_cache._cache, "get_client", lambda *a, **k: calls.append(a) or real(*a, **k))
    request = rf.post("/")
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "vote": "2/m"}
    assert [ratelimit.over_limit(request, "vote", 7) for _ in range(3)] == [False, False, True]
    assert len(calls) == 3
    assert ratelimit.limit_reached(request, "vote", 7)
    assert not ratelimit.limit_reached(request, "vote", 8)
