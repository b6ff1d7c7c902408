"""The fan-out of a change to its followers, a batch per task, and the daily digests."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from tyndau.core.calendar import KZ_TZ, local_today
from tyndau.following import rules, tokens
from tyndau.following.events import EVENTS
from tyndau.following.models import Change, DigestItem, Follow, FollowStatus, Frequency
from tyndau.following.services import link, list_unsubscribe_headers
from tyndau.following.targets import language_path, title_in
from tyndau.notifications.models import OutgoingEmail
from tyndau.notifications.services import compose, email_committed, notify


def _event_label(event: str, language: str) -> str:
    with translation.override(language):
        return str(EVENTS.get(event, event))


def fan_out(*, change_id: int, after_id: int = 0) -> int | None:
    """One batch of a change's followers (id > `after_id`): an outbox e-mail for each immediate
    follower, a digest item for each daily one. Returns the last follower id when more may follow
    (the task queues the next batch), None when the change has reached everyone. Idempotent per
    batch: the items are unique and a re-run batch's e-mails are the at-least-once of the outbox."""
    change = Change.objects.filter(pk=change_id).first()
    if change is None:
        return None
    size = int(rules.value("fanout_batch"))
    batch = list(
        Follow.objects.filter(kind=change.kind, target_id=change.target_id, status=FollowStatus.ACTIVE, id__gt=after_id)
        .order_by("id")
        .values_list("id", "email", "email_hash", "language", "frequency")[:size]
    )
    emails: list[OutgoingEmail] = []
    items: list[DigestItem] = []
    fixed: dict[str, dict[str, Any]] = {}
    for follow_id, email, email_hash, language, frequency in batch:
        if frequency == Frequency.DAILY:
            items.append(DigestItem(follow_id=follow_id, email_hash=email_hash, change_id=change.pk))
            continue
        if language not in fixed:
            fixed[language] = {
                "followed": title_in(change.kind, change.target_id, language) or change.title,
                "event_label": _event_label(change.event, language),
                "title": change.title,
                "url": link_path(change.path, language),
            }
        unsubscribe_url = link("following:unsubscribe", tokens.unsubscribe_token(follow_id=follow_id), language)
        emails.append(
            compose(
                to=email,
                template="following/email/alert",
                context={
                    **fixed[language],
                    "unsubscribe_url": unsubscribe_url,
                    "manage_url": link("following:manage", tokens.manage_token(email_hash), language),
                },
                language=language,
                varying=("unsubscribe_url", "manage_url"),
                headers=list_unsubscribe_headers(unsubscribe_url),
            )
        )
    done = len(batch) < size
    with transaction.atomic():
        created = OutgoingEmail.objects.bulk_create(emails)
        DigestItem.objects.bulk_create(items, ignore_conflicts=True)
        Change.objects.filter(pk=change.pk).update(
            recipients=F("recipients") + len(batch), fanned_out_at=timezone.now() if done else None
        )
        for email_row in created:
            transaction.on_commit(partial(email_committed, email_row.pk))
    return None if done or not batch else batch[-1][0]


def link_path(path: str, language: str) -> str:
    return settings.SITE_URL + language_path(path, language)


def _start_of_today() -> dt.datetime:
    return dt.datetime.combine(local_today(), dt.time.min, tzinfo=KZ_TZ)


def send_digests(*, limit: int = 1000) -> int:
    """One e-mail per address with the changes of the days before today, then those items are gone:
    at most one digest per follower per day, and running twice sends nothing twice."""
    before = _start_of_today()
    hashes = list(
        DigestItem.objects.filter(created_at__lt=before).values_list("email_hash", flat=True).distinct()[:limit]
    )
    sent = 0
    for email_hash in hashes:
        with transaction.atomic():
            items = list(
                DigestItem.objects.select_for_update()
                .filter(email_hash=email_hash, created_at__lt=before)
                .select_related("follow", "change")
                .order_by("change_id")
            )
            DigestItem.objects.filter(pk__in=[item.pk for item in items]).delete()
            live = [
                item
                for item in items
                if item.follow.status == FollowStatus.ACTIVE and item.follow.frequency == Frequency.DAILY
            ]
            if not live:
                continue
            follow = live[0].follow
            language = follow.language
            shown = live[: int(rules.value("digest_max_items"))]
            entries = [
                {
                    "followed": title_in(item.change.kind, item.change.target_id, language) or item.change.title,
                    "event_label": _event_label(item.change.event, language),
                    "title": item.change.title,
                    "url": link_path(item.change.path, language),
                }
                for item in shown
            ]
            unsubscribe_url = link("following:unsubscribe", tokens.unsubscribe_token(email_hash=email_hash), language)
            notify(
                to=follow.email,
                template="following/email/digest",
                context={
                    "entries": entries,
                    "more": len(live) - len(shown),
                    "unsubscribe_url": unsubscribe_url,
                    "manage_url": link("following:manage", tokens.manage_token(email_hash), language),
                },
                language=language,
                headers=list_unsubscribe_headers(unsubscribe_url),
            )
            sent += 1
    return sent
