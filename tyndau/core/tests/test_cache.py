from __future__ import annotations

from tyndau.core.cache import RedisCache


def test_redis_client_is_built_once_per_pool() -> None:
    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    client = cache._cache.get_client("k")
    assert cache._cache.get_client("other") is client
    assert cache._cache.get_client("k", write=True) is client  # one server: reads and writes share a pool
