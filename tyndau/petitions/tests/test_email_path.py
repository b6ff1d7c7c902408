"""The e-mail signing path's cheap parts behave as the plain ones: rate limits in one Redis
round trip, regions validated from a cached list, confirmation in one UPDATE, a cached page."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tyndau.petitions import fraud
from tyndau.petitions.errors import RateLimited

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/9"


def _redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def any_cache(request: Any, settings: Any) -> Iterator[str]:
    """The default cache as LocMem (tests, development) and as our Redis backend (production)."""
    if request.param == "redis":
        if not _redis_available():
            pytest.skip("no Redis at " + REDIS_URL)
        from django.core.cache import cache

        settings.CACHES = {
            "default": {
                "BACKEND": "tyndau.core.cache.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # no collision with another run on the same db
            }
        }
        yield request.param
        cache.clear()
    else:
        yield request.param


def _check(ip: str | None, email: str, petition_id: int = 1) -> None:
    fraud.check_rate_limits(ip=ip, domain=fraud.email_domain(email), email=email, petition_id=petition_id)


def test_rate_limits_block_at_the_limit_on_each_backend(any_cache: str, settings: Any) -> None:
    from django.core.cache import caches

    assert (type(caches["default"]).__name__ == "RedisCache") == (any_cache == "redis")
    settings.TYNDAU_PETITION_RULES = {"rate_limit_per_ip_per_hour": 2, "rate_limit_per_domain_per_hour": 3}
    _check("10.0.0.1", "a@gmail.com")
    _check("10.0.0.1", "b@gmail.com")
    with pytest.raises(RateLimited):
        _check("10.0.0.1", "c@gmail.com")
    _check("10.0.0.2", "a@bots.kz")
    _check("10.0.0.3", "b@bots.kz")
    _check("10.0.0.4", "c@bots.kz")
    with pytest.raises(RateLimited):
        _check("10.0.0.5", "d@bots.kz")
    _check("10.0.0.6", "e@gmail.com")  # large providers are not limited per domain
    for _ in range(3):  # a family mailbox: three signatures of one petition
        _check(None, "family@mail.ru", petition_id=7)
    with pytest.raises(RateLimited):
        _check(None, "family@mail.ru", petition_id=7)
    _check(None, "family@mail.ru", petition_id=8)  # per petition


def test_a_refused_request_does_not_count_against_later_limits(any_cache: str, settings: Any) -> None:
    settings.TYNDAU_PETITION_RULES = {"rate_limit_per_ip_per_hour": 1, "rate_limit_per_domain_per_hour": 2}
    _check("10.0.0.1", "a@small.kz")  # ip 1/1, domain 1/2
    with pytest.raises(RateLimited):
        _check("10.0.0.1", "b@small.kz")  # refused by the IP limit: the domain is not counted
    _check("10.0.0.2", "c@small.kz")  # domain 2/2
    with pytest.raises(RateLimited):
        _check("10.0.0.3", "d@small.kz")


def test_rate_limit_keys_hold_no_address_and_expire(any_cache: str) -> None:
    _check("203.0.113.9", "someone@small.kz", petition_id=3)
    if any_cache == "redis":
        from django.core.cache import caches

        client = caches["default"]._cache.get_client(write=True)  # type: ignore[attr-defined]
        keys = [k.decode() for k in client.scan_iter(match=f"{caches['default'].key_prefix}*")]
        ttls = [client.ttl(k) for k in keys]
        assert len(keys) == 3 and all(0 < t <= 7 * 86400 + 5 for t in ttls)
    else:
        from django.core.cache import cache

        keys = list(cache._cache.keys())  # type: ignore[attr-defined]
    assert keys
    for key in keys:
        assert "203.0.113.9" not in key and "someone" not in key and "small.kz" not in key
