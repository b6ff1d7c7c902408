"""Alerts: a domain service tells this module that a followed thing changed; followers hear of it.

    from tyndau.following.alerts import changed

    with transaction.atomic():
        ...  # the transition and its audit event
        changed(kind=Kind.PETITION, target_id=petition.pk, event="petition.forwarded",
                title=petition.title, path=reverse("petitions:detail", args=[petition.pk]))

`changed` costs the caller one indexed query when nobody follows the thing, and one insert more
when somebody does: the fan-out to the followers (10 or 100,000) runs after the commit in a task,
a batch at a time (`tyndau.following.fanout`), so the request that caused the change never waits
for it. Immediate followers get one e-mail each; daily followers get a digest item.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.db import transaction

from tyndau.following.events import EVENTS
from tyndau.following.models import Change, Follow, FollowStatus
from tyndau.following.targets import unprefixed
from tyndau.following.tasks import fan_out_change

logger = logging.getLogger(__name__)


def changed(*, kind: str, target_id: Any, event: str, title: str, path: str) -> Change | None:
    """Record that a followed thing changed, inside the caller's transaction; the fan-out is queued
    for after the commit (a rolled-back change alerts nobody). None when nobody follows it."""
    if event not in EVENTS:
        raise ValueError(f"unknown alert event: {event!r}")
    target = str(target_id)
    if not Follow.objects.filter(kind=kind, target_id=target, status=FollowStatus.ACTIVE).exists():
        return None
    change = Change.objects.create(kind=kind, target_id=target, event=event, title=title[:300], path=unprefixed(path))
    transaction.on_commit(partial(_enqueue_fan_out, change.pk, 0))
    return change


def _enqueue_fan_out(change_id: int, after_id: int) -> None:
    try:
        fan_out_change.enqueue(change_id, after_id)
    except Exception:  # the change is committed with fanned_out_at empty: visible in the admin / logs
        logger.exception("could not enqueue the fan-out of change #%s", change_id)
