"""Anti-fraud for signing: e-mail normalisation, disposable domains, rate limits.

Rate limits count in the Django cache, which is Redis in production, so every
app server shares the same counters. Keys hold keyed hashes, never an address.
"""

from __future__ import annotations

import logging
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches

from tyndau.core.cache import REDIS_AWAY, RedisCache
from tyndau.core.pii import keyed_hash
from tyndau.petitions import rules
from tyndau.petitions.errors import RateLimited

logger = logging.getLogger(__name__)

DISPOSABLE_FILE = Path(__file__).with_name("data") / "disposable_domains.txt"
GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


def normalise_email(address: str) -> str:
    """Lower-case; drop "+tag"; for Gmail drop dots and use gmail.com. One mailbox, one form."""
    address = address.strip().lower()
    local_part, _, domain = address.rpartition("@")
    if not local_part:
        return address
    local_part = local_part.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local_part = local_part.replace(".", "")
        domain = "gmail.com"
    return f"{local_part}@{domain}"


def email_domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower()


@lru_cache(maxsize=1)
def disposable_domains() -> frozenset[str]:
    lines = DISPOSABLE_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def is_disposable(domain: str) -> bool:
    domain = domain.lower()
    blocked = disposable_domains()
    parts = domain.split(".")
    # "x.mailinator.com" is as disposable as "mailinator.com".
    return any(".".join(parts[i:]) in blocked for i in range(len(parts) - 1))


# One round trip for every counter of a signature when the cache is our Redis backend: the
# script counts the keys in order and stops at the first over its limit, exactly as the
# cache.add/incr path below does (a refused request does not count against later limits).
# INCR then EXPIRE on the first hit = cache.add(key, 1, timeout) followed by cache.incr.
_COUNT_SCRIPT = """
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('EXPIRE', key, ARGV[2 * i]) end
  if n > tonumber(ARGV[2 * i - 1]) then return i end
end
return 0
"""
_scripts: dict[int, Any] = {}


def _bucket(key: str, window: int) -> str:
    return f"petitions:rl:{key}:{int(time.time()) // window}"


def _hit(key: str, limit: int, window: int) -> bool:
    """Count one event in a fixed window; True while within `limit`."""
    bucket = _bucket(key, window)
    if cache.add(bucket, 1, timeout=window + 5):
        return limit >= 1
    try:
        return cache.incr(bucket) <= limit
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window + 5)
        return True


def _all_within(counters: list[tuple[str, int, int]]) -> bool:
    """Count each (key, limit, window) in order until one is over its limit; True if none is."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return all(_hit(key, limit, window) for key, limit, window in counters)
    client = backend._cache.get_client(write=True)
    script = _scripts.get(id(client))
    if script is None:
        script = _scripts[id(client)] = client.register_script(_COUNT_SCRIPT)
    keys = [backend.make_and_validate_key(_bucket(key, window)) for key, _limit, window in counters]
    args = [value for _key, limit, window in counters for value in (limit, window + 5)]
    try:
        return int(script(keys=keys, args=args)) == 0
    except REDIS_AWAY:
        # Redis away: the limits fail open like every cache counter (tyndau/core/cache.py); the
        # per-person rules (one signature per IIN) are in the database and still hold.
        logger.warning("petition rate limits: Redis unavailable; not counted")
        return True


def check_rate_limits(*, ip: str | None, domain: str, email: str, petition_id: int) -> None:
    counters = []
    if ip:
        counters.append(("ip:" + keyed_hash(ip, purpose="rl-ip"), rules.value("rate_limit_per_ip_per_hour"), 3600))
    if domain and domain not in rules.LARGE_EMAIL_PROVIDERS:
        counters.append(
            ("dom:" + keyed_hash(domain, purpose="rl-domain"), rules.value("rate_limit_per_domain_per_hour"), 3600)
        )
    # A family may share one mailbox; a mailbox signing a petition many times is a bot.
    counters.append(
        (
            f"em:{petition_id}:" + keyed_hash(email, purpose="rl-email"),
            rules.value("signatures_per_email_per_petition"),
            7 * 86400,
        )
    )
    if not _all_within(counters):
        raise RateLimited()
