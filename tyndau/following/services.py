"""Following by e-mail: a request, its double opt-in, unsubscribing and the follower's choices.

Every change of a follow goes through here and writes its audit event (never the address)."""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from tyndau.audit.services import record_event
from tyndau.core.pii import keyed_hash
from tyndau.following import rules, tokens
from tyndau.following.errors import BadLink, TargetNotFollowable, TooManyFollows
from tyndau.following.models import Follow, FollowStatus, Frequency
from tyndau.following.targets import resolve
from tyndau.notifications.limits import require_within_mail_limits
from tyndau.notifications.services import notify


def address_hash(email: str) -> str:
    return keyed_hash(email.strip().lower(), purpose="follow")


_SLOT = "TOKEN-SLOT"


@functools.lru_cache(maxsize=64)
def _link_pattern(name: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, args=[_SLOT])


def link(name: str, token: str, language: str) -> str:
    """The absolute URL of a token page in `language`. Reversed once per (page, language): the
    fan-out makes two links per follower, and `reverse` cost more than the rest of an e-mail."""
    return _link_pattern(name, language).replace(_SLOT, token, 1)


def list_unsubscribe_headers(unsubscribe_url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the URL."""
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _actor(user: Any) -> tuple[Any, str]:
    if user is not None and getattr(user, "is_authenticated", False):
        return user, ""
    return None, "follower"


def follow_request(
    *,
    kind: str,
    target_id: str,
    email: str,
    frequency: str,
    language: str,
    user: Any = None,
    ip: str | None = None,
) -> Follow:
    """Ask to follow a public thing. Nothing is sent about it until the address confirms (double
    opt-in): this sends only the confirmation e-mail. Asking again for a follow that is already
    active changes nothing and sends nothing (the page says the same either way)."""
    target = resolve(kind, str(target_id))
    if target is None:
        raise TargetNotFollowable()
    if frequency not in Frequency.values:
        frequency = Frequency.IMMEDIATE
    address = email.strip().lower()
    digest = address_hash(address)
    account = user if user is not None and getattr(user, "is_authenticated", False) else None
    require_within_mail_limits("follow_request", account=account, recipients=[address], ip=ip)
    try:
        with transaction.atomic():
            follow = (
                Follow.objects.select_for_update()
                .filter(email_hash=digest, kind=kind, target_id=target.target_id)
                .first()
            )
            if follow is not None and follow.status == FollowStatus.ACTIVE:
                return follow
            if follow is None:
                if Follow.objects.filter(email_hash=digest).exclude(status=FollowStatus.ENDED).count() >= int(
                    rules.value("max_follows_per_address")
                ):
                    raise TooManyFollows()
                follow = Follow(email=address, email_hash=digest, kind=kind, target_id=target.target_id)
            follow.status, follow.frequency, follow.language = FollowStatus.PENDING, frequency, language
            follow.ended_at = None
            if account is not None and account.email.strip().lower() == address:
                follow.user = account
            follow.save()
            actor, label = _actor(user)
            record_event(
                actor=actor,
                action="following.follow.requested",
                obj=follow,
                payload={"followed_kind": kind, "followed_id": target.target_id, "alert_frequency": frequency},
                actor_label=label,
            )
            notify(
                to=address,
                template="following/email/confirm",
                context={
                    "followed": target.title,
                    "confirm_url": link("following:confirm", tokens.confirm_token(follow.pk), language),
                    "days": rules.value("confirm_days"),
                },
                language=language,
            )
    except IntegrityError:  # a double submit raced this one: the other created the follow
        existing = Follow.objects.filter(email_hash=digest, kind=kind, target_id=target.target_id).first()
        if existing is None:
            raise
        return existing
    return follow


def follow_confirm(*, token: str) -> Follow:
    """The address confirmed: from now on it gets alerts. Safe to call twice."""
    follow_id = tokens.read_confirm_token(token)
    with transaction.atomic():
        follow = Follow.objects.select_for_update().filter(pk=follow_id).first() if follow_id else None
        if follow is None or follow.status == FollowStatus.ENDED:
            raise BadLink()
        if follow.status == FollowStatus.PENDING:
            follow.status, follow.confirmed_at = FollowStatus.ACTIVE, timezone.now()
            follow.save(update_fields=["status", "confirmed_at"])
            record_event(
                actor=None,
                action="following.follow.confirmed",
                obj=follow,
                payload={"followed_kind": follow.kind, "followed_id": follow.target_id},
                actor_label="follower",
            )
    return follow


def _end(follow: Follow, actor: Any = None) -> None:
    follow.status, follow.ended_at = FollowStatus.ENDED, timezone.now()
    follow.save(update_fields=["status", "ended_at"])
    actor, label = _actor(actor)
    record_event(
        actor=actor,
        action="following.follow.ended",
        obj=follow,
        payload={"followed_kind": follow.kind, "followed_id": follow.target_id},
        actor_label=label,
    )


def follow_unsubscribe(*, token: str) -> int:
    """One-click unsubscribe (RFC 8058): the signed token names one follow or every follow of an
    address (a digest). No login, no CSRF token: the token is the proof. Returns how many ended."""
    data = tokens.read_unsubscribe_token(token)
    if not data:
        raise BadLink()
    with transaction.atomic():
        follows = Follow.objects.select_for_update().exclude(status=FollowStatus.ENDED)
        follow_id, email_hash = data.get("f"), data.get("e")
        if isinstance(follow_id, int):
            follows = follows.filter(pk=follow_id)
        else:
            follows = follows.filter(email_hash=str(email_hash), frequency=Frequency.DAILY)
        ended = 0
        for follow in follows:
            _end(follow)
            ended += 1
    return ended


def _owned(follow_id: int, *, email_hash: str | None, user: Any) -> Follow:
    follows = Follow.objects.select_for_update().filter(pk=follow_id)
    if email_hash:
        follow = follows.filter(email_hash=email_hash).first()
    elif user is not None and getattr(user, "is_authenticated", False):
        follow = follows.filter(email_hash=address_hash(user.email)).first() or follows.filter(user=user).first()
    else:
        follow = None
    if follow is None:
        raise BadLink()
    return follow


def follow_end(*, follow_id: int, email_hash: str | None = None, user: Any = None) -> Follow:
    """Stop one follow from the manage page (signed link) or the signed-in follower's list."""
    with transaction.atomic():
        follow = _owned(follow_id, email_hash=email_hash, user=user)
        if follow.status != FollowStatus.ENDED:
            _end(follow, user)
    return follow


def follow_set_frequency(*, follow_id: int, frequency: str, email_hash: str | None = None, user: Any = None) -> Follow:
    """Switch between alerts at once and a daily digest."""
    if frequency not in Frequency.values:
        raise BadLink()
    with transaction.atomic():
        follow = _owned(follow_id, email_hash=email_hash, user=user)
        if follow.frequency != frequency and follow.status != FollowStatus.ENDED:
            follow.frequency = frequency
            follow.save(update_fields=["frequency"])
            actor, label = _actor(user)
            record_event(
                actor=actor,
                action="following.follow.frequency_changed",
                obj=follow,
                payload={"followed_kind": follow.kind, "followed_id": follow.target_id, "alert_frequency": frequency},
                actor_label=label,
            )
    return follow
