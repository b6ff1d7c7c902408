from __future__ import annotations

from tyndau.core.cache import RedisCache


def test_redis_client_is_built_once_per_pool() -> None:
    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    client = cache._cache.get_client("k")
    assert cache._cache.get_client("other") is client
    assert cache._cache.get_client("k", write=True) is client  # one server: reads and writes share a pool


def test_redis_away_is_a_miss_for_reads_nothing_for_writes_and_counters_fail_open() -> None:
    """Issue 17: with Redis stopped, pages and signing keep working (tyndau/core/cache.py)."""
    away = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 1}})
    assert away.get("k", "default") == "default"
    away.set("k", "v")
    assert away.add("counter", 1) is True  # as if this were the first use in the window
    assert away.incr("counter", 3) == 3
    assert away.get_many(["a", "b"]) == {}
    assert away.delete("k") is False
    assert away.has_key("k") is False
