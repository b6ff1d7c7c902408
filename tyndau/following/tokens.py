"""Signed tokens in the links of following e-mails: nothing to store, nothing to guess.

- confirm: one follow, expires (`rules.confirm_days`);
- unsubscribe: one follow, or every follow of an address (a digest), never expires (RFC 8058);
- manage: every follow of an address, never expires.
Each purpose has its own salt, so a token for one is refused by the others.
"""

from __future__ import annotations

from django.core import signing

from tyndau.following import rules

_SALT = "tyndau.following."


def confirm_token(follow_id: int) -> str:
    return signing.dumps({"f": follow_id}, salt=_SALT + "confirm", compress=False)


def read_confirm_token(token: str) -> int | None:
    data = _loads(token, "confirm", max_age=int(rules.value("confirm_days")) * 86400)
    value = data.get("f")
    return value if isinstance(value, int) else None


def unsubscribe_token(*, follow_id: int | None = None, email_hash: str = "") -> str:
    data = {"f": follow_id} if follow_id is not None else {"e": email_hash}
    return signing.dumps(data, salt=_SALT + "unsubscribe", compress=False)


def read_unsubscribe_token(token: str) -> dict[str, object]:
    """{"f": follow id} or {"e": address hash}; {} for a bad token."""
    data = _loads(token, "unsubscribe")
    if isinstance(data.get("f"), int) or isinstance(data.get("e"), str):
        return data
    return {}


def manage_token(email_hash: str) -> str:
    return signing.dumps({"e": email_hash}, salt=_SALT + "manage", compress=False)


def read_manage_token(token: str) -> str | None:
    value = _loads(token, "manage").get("e")
    return value if isinstance(value, str) else None


def _loads(token: str, purpose: str, max_age: int | None = None) -> dict[str, object]:
    if not token or len(token) > 300:
        return {}
    try:
        data = signing.loads(token, salt=_SALT + purpose, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return {}
    return data if isinstance(data, dict) else {}
