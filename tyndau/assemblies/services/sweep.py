"""The silence sweep: a request the akimat did not answer in time. Safe to run twice."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tyndau.assemblies import rules
from tyndau.assemblies.models import Assembly, Procedure, Status
from tyndau.assemblies.services._common import check_transition, lock, tell_organiser
from tyndau.audit.selectors import receipt_for
from tyndau.audit.services import record_event
from tyndau.core.calendar import local_today


@dataclass
class SweepResult:
    held_as_notified: int = 0
    unanswered: int = 0


def assembly_deem_silent(*, assembly: Assembly | int) -> Assembly | None:
    """Art. 11(1): a notification not answered within 3 WD may be held as notified. For an application
    the consequence is recorded as data (`unanswered`, unconfirmed). None when nothing changed."""
    with transaction.atomic():
        locked = lock(assembly)
        if locked.status != Status.SUBMITTED or locked.reply_due >= local_today():
            return None
        notification = locked.procedure == Procedure.NOTIFICATION
        to = Status.HELD_AS_NOTIFIED if notification else Status.UNANSWERED
        check_transition(locked, to)
        locked.status, locked.deemed_silent_at = to, timezone.now()
        locked.save(update_fields=["status", "deemed_silent_at"])
        source = rules.SILENCE_NOTIFICATION_SOURCE if notification else rules.SILENCE_APPLICATION_SOURCE
        action = "assemblies.assembly.unanswered"
        if notification:
            action = "assemblies.assembly.held_as_notified"
        event = record_event(
            actor=None,
            action=action,
            obj=locked,
            payload={"from": Status.SUBMITTED, "to": to, "reply_due": locked.reply_due, "source": source},
        )
        tell_organiser(locked, to, receipt=receipt_for(event), source=source)
    return locked


def sweep_assembly_deadlines(*, batch: int = 500) -> SweepResult:
    result = SweepResult()
    day = local_today()
    while True:
        ids = list(
            Assembly.objects.filter(status=Status.SUBMITTED, reply_due__lt=day)
            .order_by("reply_due", "pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            break
        changed = [found for pk in ids if (found := assembly_deem_silent(assembly=pk)) is not None]
        for found in changed:
            if found.status == Status.HELD_AS_NOTIFIED:
                result.held_as_notified += 1
            else:
                result.unanswered += 1
        if not changed:
            break
    return result
