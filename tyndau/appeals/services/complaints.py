"""Complaints (APPK arts. 91–100): filed through the deciding body, passed to the higher body
within 3 WD unless granted fully, decided by the higher body (20 WD, unconfirmed)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tyndau.appeals import rules
from tyndau.appeals.errors import (
    AppealError,
    ComplaintWindowClosed,
    InvalidTransition,
    NoHigherBody,
    NotChallengeable,
    TextRequired,
)
from tyndau.appeals.models import (
    COMPLAINT_TRANSITIONS,
    Appeal,
    Complaint,
    ComplaintOutcome,
    ComplaintStatus,
    Status,
)
from tyndau.appeals.services._common import (
    check_grounds,
    check_transition,
    lock_appeal,
    require_applicant,
    require_member,
    tell_applicant,
)
from tyndau.audit.services import record_event
from tyndau.authorities.models import LegalGround
from tyndau.core.calendar import local_today as today
from tyndau.core.calendar import registration_date, working_days_after


def _lock(complaint: Complaint | int) -> Complaint:
    pk = complaint.pk if isinstance(complaint, Complaint) else complaint
    return Complaint.objects.select_for_update().select_related("appeal").get(pk=pk)


def _check(complaint: Complaint, to: str) -> None:
    if to not in COMPLAINT_TRANSITIONS.get(complaint.status, set()):
        raise InvalidTransition()


def complaint_obstacle(appeal: Appeal) -> AppealError | None:
    """Why this appeal cannot be challenged now (the error to show), or None when it can. The one place
    of the rule: the complaint form is not opened for an appeal this returns an error for, and
    `complaint_file` refuses with the same error."""
    if appeal.status not in (Status.ANSWERED, Status.DEEMED_REFUSED):
        return NotChallengeable()
    if appeal.complaint_until is None or today() > appeal.complaint_until:
        return ComplaintWindowClosed()
    if appeal.body.higher_body_id is None:
        return NoHigherBody()
    return None


def complaint_file(*, actor: Any, appeal: Appeal | int, text: str, idempotency_key: uuid.UUID | str) -> Complaint:
    key = uuid.UUID(str(idempotency_key))
    existing = Complaint.objects.filter(idempotency_key=key).select_related("appeal").first()
    if existing is not None:
        require_applicant(actor, existing.appeal)
        return existing
    if not text.strip():
        raise TextRequired()
    try:
        with transaction.atomic():
            locked = lock_appeal(appeal)
            require_applicant(actor, locked)
            check_transition(locked, Status.COMPLAINED)
            obstacle = complaint_obstacle(locked)
            if obstacle is not None:
                raise obstacle
            higher = locked.body.higher_body
            assert higher is not None  # complaint_obstacle said so
            now = timezone.now()
            registered_on = registration_date(now)
            complaint = Complaint.objects.create(
                appeal=locked,
                idempotency_key=key,
                text=text.strip(),
                deciding_body_id=locked.body_id,
                higher_body=higher,
                filed_at=now,
                registered_on=registered_on,
                pass_due=working_days_after(registered_on, rules.term("complaint_pass_wd")),
            )
            old = locked.status
            locked.status = Status.COMPLAINED
            locked.save(update_fields=["status"])
            record_event(
                actor=actor,
                action="appeals.complaint.filed",
                obj=locked,
                payload={
                    "from": old,
                    "to": locked.status,
                    "complaint": complaint.pk,
                    "deciding_body": locked.body_id,
                    "higher_body": higher.pk,
                    "pass_due": complaint.pass_due,
                },
            )
            tell_applicant(locked, "complaint_filed", complaint=complaint)
    except IntegrityError:
        existing = Complaint.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return existing
    return complaint


def complaint_grant(*, actor: Any, complaint: Complaint | int, text: str) -> Complaint:
    """The deciding body grants the complaint fully itself (art. 92) — it then goes no further."""
    if not text.strip():
        raise TextRequired()
    with transaction.atomic():
        locked = _lock(complaint)
        require_member(actor, locked.deciding_body_id)
        _check(locked, ComplaintStatus.GRANTED)
        locked.status, locked.outcome = ComplaintStatus.GRANTED, ComplaintOutcome.UPHELD
        locked.decision_text, locked.decided_at, locked.decided_by = text.strip(), timezone.now(), actor
        locked.save(update_fields=["status", "outcome", "decision_text", "decided_at", "decided_by"])
        _close_appeal(locked.appeal, actor)
        record_event(
            actor=actor,
            action="appeals.complaint.granted",
            obj=locked.appeal,
            payload={"complaint": locked.pk, "from": "filed", "to": "granted"},
        )
        tell_applicant(locked.appeal, "complaint_decided", complaint=locked)
    return locked


def complaint_pass(*, actor: Any, complaint: Complaint | int) -> Complaint:
    """Pass the complaint and the file to the higher body (art. 92(3): within 3 WD).
    The deadline sweep does it automatically when the deciding body lets the term run out."""
    with transaction.atomic():
        locked = _lock(complaint)
        if actor is not None:
            require_member(actor, locked.deciding_body_id)
        _check(locked, ComplaintStatus.PASSED)
        passed_on = today()
        locked.status, locked.passed_on = ComplaintStatus.PASSED, passed_on
        # Unconfirmed (believed APPK art. 100): 20 WD; configurable in settings.APPEAL_RULES.
        locked.decision_due = working_days_after(registration_date(timezone.now()), rules.term("complaint_decision_wd"))
        locked.save(update_fields=["status", "passed_on", "decision_due"])
        record_event(
            actor=actor,
            action="appeals.complaint.passed",
            obj=locked.appeal,
            actor_label="" if actor is not None else "system",
            payload={
                "complaint": locked.pk,
                "from": "filed",
                "to": "passed",
                "higher_body": locked.higher_body_id,
                "within_term": passed_on <= locked.pass_due,
                "decision_due": locked.decision_due,
            },
        )
        tell_applicant(locked.appeal, "complaint_passed", complaint=locked)
    return locked


def complaint_decide(
    *, actor: Any, complaint: Complaint | int, outcome: str, text: str, legal_grounds: Sequence[LegalGround] = ()
) -> Complaint:
    if not text.strip():
        raise TextRequired()
    required = outcome in (ComplaintOutcome.REJECTED, ComplaintOutcome.PARTLY)
    check_grounds(legal_grounds, decision=f"complaint.{outcome}", required=required)
    with transaction.atomic():
        locked = _lock(complaint)
        require_member(actor, locked.higher_body_id)
        _check(locked, ComplaintStatus.DECIDED)
        locked.status, locked.outcome, locked.decision_text = ComplaintStatus.DECIDED, outcome, text.strip()
        locked.decided_at, locked.decided_by = timezone.now(), actor
        locked.save(update_fields=["status", "outcome", "decision_text", "decided_at", "decided_by"])
        locked.legal_grounds.set(legal_grounds)
        _close_appeal(locked.appeal, actor)
        record_event(
            actor=actor,
            action="appeals.complaint.decided",
            obj=locked.appeal,
            payload={
                "complaint": locked.pk,
                "from": "passed",
                "to": "decided",
                "outcome": outcome,
                "on_time": bool(locked.decision_due and today() <= locked.decision_due),
                "legal_grounds": [g.code for g in legal_grounds],
            },
        )
        tell_applicant(locked.appeal, "complaint_decided", complaint=locked)
    return locked


def _close_appeal(appeal: Appeal, actor: Any) -> None:
    locked = lock_appeal(appeal)
    check_transition(locked, Status.CLOSED)
    locked.status, locked.closed_at = Status.CLOSED, timezone.now()
    locked.save(update_fields=["status", "closed_at"])
