"""Django's Redis cache backend, minus a per-operation cost.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` object for every cache
operation; its constructor fills a table of ~170 response callbacks, which cost more CPU than
the round trip itself on the one-step signing path (session load + signing state = two gets).
The client is only a thin wrapper around the connection pool and is thread-safe, so this
backend builds one per pool and reuses it. Behaviour is otherwise Django's.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        base: Any = self  # Django's private helpers, not in django-stubs
        index = base._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = base._client(connection_pool=base._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
