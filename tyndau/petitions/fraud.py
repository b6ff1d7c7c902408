"""Anti-fraud for signing: e-mail normalisation, disposable domains, rate limits.

Rate limits count in the Django cache, which is Redis in production, so every
app server shares the same counters. Keys hold keyed hashes, never an address.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

from django.core.cache import cache

from tyndau.core.pii import keyed_hash
from tyndau.petitions import rules
from tyndau.petitions.errors import RateLimited

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


def _hit(key: str, limit: int, window: int) -> bool:
    """Count one event in a fixed window; True while within `limit`."""
    bucket = f"petitions:rl:{key}:{int(time.time()) // window}"
    if cache.add(bucket, 1, timeout=window + 5):
        return limit >= 1
    try:
        return cache.incr(bucket) <= limit
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window + 5)
        return True


def check_rate_limits(*, ip: str | None, domain: str, email: str, petition_id: int) -> None:
    if ip and not _hit("ip:" + keyed_hash(ip, purpose="rl-ip"), rules.value("rate_limit_per_ip_per_hour"), 3600):
        raise RateLimited()
    if (
        domain
        and domain not in rules.LARGE_EMAIL_PROVIDERS
        and not _hit(
            "dom:" + keyed_hash(domain, purpose="rl-domain"), rules.value("rate_limit_per_domain_per_hour"), 3600
        )
    ):
        raise RateLimited()
    # A family may share one mailbox; a mailbox signing a petition many times is a bot.
    per_email = rules.value("signatures_per_email_per_petition")
    if not _hit(f"em:{petition_id}:" + keyed_hash(email, purpose="rl-email"), per_email, 7 * 86400):
        raise RateLimited()
