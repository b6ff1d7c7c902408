"""Django's Redis cache backend, minus a per-operation cost.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` object for every cache
operation; its constructor fills a table of ~170 response callbacks, which cost more CPU than
the round trip itself on the one-step signing path (session load + signing state = two gets).
The client is only a thin wrapper around the connection pool and is thread-safe, so this
backend builds one per pool and reuses it.

It also keeps the portal working while Redis is away (issue 17): a connection error or timeout is a cache
miss for reads and nothing for writes, logged at most once a minute per process. So pages are computed
afresh, sessions are read from the database (`cached_db`), and the counters of rate limits and mail
limits fail open — an `add` or `incr` answers as if this were the first use in the window — until Redis
answers again (docs/operations.md). Behaviour is otherwise Django's.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
# What a Redis that is away raises: callers that talk to Redis themselves fail open on these too.
REDIS_AWAY = (RedisConnectionError, RedisTimeoutError)
F = TypeVar("F", bound=Callable[..., Any])
WARN_EVERY_SECONDS = 60.0
_warned_at = [float("-inf")]


def _redis_away(fallback: Callable[..., Any]) -> Callable[[F], F]:
    """Run the operation; while Redis does not answer, return `fallback(*args, **kwargs)` instead."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except REDIS_AWAY as exc:
                now = time.monotonic()
                if now - _warned_at[0] >= WARN_EVERY_SECONDS:
                    _warned_at[0] = now
                    logger.warning("cache: Redis unavailable (%s); working without it", type(exc).__name__)
                return fallback(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


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

    # While Redis is away: a miss for reads, nothing for writes, counters fail open.
    add = _redis_away(lambda *a, **k: True)(DjangoRedisCacheClient.add)
    get = _redis_away(lambda key, default=None, *a, **k: default)(DjangoRedisCacheClient.get)
    set = _redis_away(lambda *a, **k: None)(DjangoRedisCacheClient.set)
    touch = _redis_away(lambda *a, **k: False)(DjangoRedisCacheClient.touch)
    delete = _redis_away(lambda *a, **k: False)(DjangoRedisCacheClient.delete)
    get_many = _redis_away(lambda *a, **k: {})(DjangoRedisCacheClient.get_many)
    has_key = _redis_away(lambda *a, **k: False)(DjangoRedisCacheClient.has_key)
    incr = _redis_away(lambda key, delta, *a, **k: delta)(DjangoRedisCacheClient.incr)
    set_many = _redis_away(lambda *a, **k: [])(DjangoRedisCacheClient.set_many)
    delete_many = _redis_away(lambda *a, **k: None)(DjangoRedisCacheClient.delete_many)
    clear = _redis_away(lambda *a, **k: False)(DjangoRedisCacheClient.clear)


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
