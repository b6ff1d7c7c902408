"""Reads for the follower's own pages (never another person's follows)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from tyndau.following.models import Follow, FollowStatus
from tyndau.following.services import address_hash
from tyndau.following.targets import resolve


def _rows(follows: Any) -> list[dict[str, Any]]:
    rows = []
    for follow in follows.exclude(status=FollowStatus.ENDED).order_by("-id")[:500]:
        target = resolve(follow.kind, follow.target_id)
        rows.append({"follow": follow, "target": target})
    return rows


def follows_of_address(email_hash: str) -> list[dict[str, Any]]:
    """What an address follows (the signed manage link), each with its target as the public sees it."""
    return _rows(Follow.objects.filter(email_hash=email_hash))


def follows_of_user(user: Any) -> list[dict[str, Any]]:
    """What a signed-in person follows: by the account or by its e-mail address."""
    query = Q(user=user)
    if user.email:
        query |= Q(email_hash=address_hash(user.email))
    return _rows(Follow.objects.filter(query))


def has_follows(email_hash: str) -> bool:
    return Follow.objects.filter(email_hash=email_hash).exists()
