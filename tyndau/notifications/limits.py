"""Limits on outgoing mail a person can cause: per account and per recipient, one mechanism.

Each kind of action that sends e-mail (an appeal and its co-signer invitations, a petition draft,
a password reset) has a rule: how many per account and how many to one recipient address in a
window. The defaults below are generous for a person and small for a script; an installation
changes them in settings (`TYNDAU_MAIL_LIMITS`, merged over the defaults, docs/operations.md).
Counters live in the cache (Redis in production), under keyed hashes: no address in clear.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError
from tyndau.core.pii import keyed_hash

DAY = 86400

DEFAULT_MAIL_LIMITS: dict[str, dict[str, int]] = {
    # An appeal sends its receipt; an organisation may file a few dozen a day.
    "appeal_filed": {"account": 30, "window": DAY},
    # Invitations carry the citizen's text to addresses they choose: the spam vector.
    "appeal_cosigner_invite": {"account": 20, "recipient": 3, "window": DAY},
    "petition_draft": {"account": 10, "window": DAY},
    # An intermediary's consent codes (tyndau.intermediaries): a busy service-centre desk, a few per citizen.
    "intermediary_consent_code": {"account": 60, "recipient": 5, "window": 3600},
    # Resets are refused silently (the page never says whether an address has an account).
    "password_reset": {"recipient": 3, "window": 3600},
    # Following by e-mail (double opt-in): confirmation letters to an address, and requests from one
    # account or one network address (anonymous visitors may follow too).
    "follow_request": {"account": 100, "recipient": 10, "ip": 60, "window": DAY},
}


class MailLimitReached(DomainError):
    default_message = _(
        "You have reached today's limit for this action, which protects people from unwanted e-mail. "
        "Try again tomorrow, or contact support if you need more."
    )
    code = "mail_limit_reached"


def rule(kind: str) -> dict[str, int]:
    return {**DEFAULT_MAIL_LIMITS[kind], **getattr(settings, "TYNDAU_MAIL_LIMITS", {}).get(kind, {})}


def _count(key: str, amount: int, limit: int, window: int) -> bool:
    """Add `amount` to a fixed-window counter; True while the total stays within `limit`."""
    bucket = f"mail-limit:{key}:{int(time.time()) // window}"
    if cache.add(bucket, amount, timeout=window + 5):
        return amount <= limit
    try:
        return int(cache.incr(bucket, amount)) <= limit
    except ValueError:  # expired between add and incr
        cache.add(bucket, amount, timeout=window + 5)
        return amount <= limit


def within_mail_limits(
    kind: str, *, account: Any = None, recipients: Iterable[str] = (), amount: int = 1, ip: str | None = None
) -> bool:
    """Count `amount` messages of `kind` from `account` (and from `ip`, where the rule limits network
    addresses) and one to each recipient; False when any counter is past its limit (the refused
    attempt is counted too, so hammering does not help)."""
    limits = rule(kind)
    window = limits["window"]
    within = True
    if ip and "ip" in limits:
        within &= _count(f"{kind}:ip:{keyed_hash(ip, purpose='mail-limit-ip')}", amount, limits["ip"], window)
    if account is not None and getattr(account, "pk", None) is not None and "account" in limits:
        within &= _count(f"{kind}:account:{account.pk}", amount, limits["account"], window)
    if "recipient" in limits:
        for address in recipients:
            digest = keyed_hash(address.strip().lower(), purpose="mail-limit")
            within &= _count(f"{kind}:to:{digest}", 1, limits["recipient"], window)
    return within


def require_within_mail_limits(kind: str, **kwargs: Any) -> None:
    if not within_mail_limits(kind, **kwargs):
        raise MailLimitReached()
