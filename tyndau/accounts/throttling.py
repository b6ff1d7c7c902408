"""Sign-in throttling against password guessing.

Failures are counted in the cache (shared through Redis in production) per
normalised e-mail address and per client IP, under keyed hashes so that neither
the address nor the IP sits in the cache in clear. After LOGIN_MAX_FAILURES
failures for one address, that address is locked for LOGIN_LOCKOUT_SECONDS,
even with the right password. One IP may fail IP_FAILURE_FACTOR times as often:
mobile operators put many people behind one address (carrier-grade NAT), and an
IP lockout must not lock out a whole district.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from tyndau.audit.services import record_event
from tyndau.core.client_ip import client_ip as core_client_ip
from tyndau.core.pii import keyed_hash

IP_FAILURE_FACTOR = 4


def _keys(scope: str, value: str) -> tuple[str, str]:
    digest = keyed_hash(value, purpose=f"login-{scope}")
    return f"accounts:login-fail:{scope}:{digest}", f"accounts:login-lock:{scope}:{digest}"


def client_ip(request: HttpRequest | None) -> str:
    # X-Forwarded-For only from a trusted proxy (tyndau.core.client_ip, TYNDAU_TRUSTED_PROXIES).
    return core_client_ip(request) or "unknown"


def _scopes(email: str, ip: str) -> list[tuple[str, str, int]]:
    limit = settings.LOGIN_MAX_FAILURES
    return [("email", email.strip().lower(), limit), ("ip", ip, limit * IP_FAILURE_FACTOR)]


def is_locked_out(*, email: str, ip: str) -> bool:
    return any(cache.get(_keys(scope, value)[1]) for scope, value, _limit in _scopes(email, ip))


def register_failure(*, email: str, ip: str) -> bool:
    """Count one failed attempt; returns True when this attempt caused a lockout."""
    locked_now = False
    for scope, value, limit in _scopes(email, ip):
        count_key, lock_key = _keys(scope, value)
        cache.add(count_key, 0, settings.LOGIN_LOCKOUT_SECONDS)
        try:
            count = cache.incr(count_key)
        except ValueError:  # expired between add and incr
            cache.set(count_key, 1, settings.LOGIN_LOCKOUT_SECONDS)
            count = 1
        if count >= limit and cache.add(lock_key, 1, settings.LOGIN_LOCKOUT_SECONDS):
            cache.delete(count_key)
            locked_now = True
            with transaction.atomic():
                # No address, no IP: only which counter tripped.
                record_event(
                    actor=None,
                    action="accounts.login.locked_out",
                    payload={"scope": scope, "failures": count, "lockout_seconds": settings.LOGIN_LOCKOUT_SECONDS},
                )
    return locked_now


def register_success(*, email: str) -> None:
    count_key, _lock_key = _keys("email", email.strip().lower())
    cache.delete(count_key)
