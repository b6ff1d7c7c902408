"""The official's actions on an appeal: one service per transition (APPK arts. 64–91)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from tyndau.accounts.selectors import acts_for_body
from tyndau.appeals import rules
from tyndau.appeals.errors import (
    AssigneeNotMember,
    ComplaintPendingForApplicant,
    ComplaintWindowOpen,
    DeadlineNotLater,
    DeadlinePassed,
    ExtensionTooLong,
    ForwardTooLate,
    InvalidTransition,
    NotAnswered,
    QuestionRequired,
    RatingOutOfRange,
    ReasonRequired,
    SameBody,
    TextRequired,
)
from tyndau.appeals.follow import appeal_answered
from tyndau.appeals.models import (
    ALLOWED_TRANSITIONS,
    OPEN_STATUSES,
    Answer,
    Appeal,
    Attachment,
    Extension,
    Forwarding,
    InfoRequest,
    Outcome,
    Status,
)
from tyndau.appeals.selectors import forget_queue_counters
from tyndau.appeals.services._common import (
    check_grounds,
    check_transition,
    lock_appeal,
    refuse_if_complaint_pending,
    require_applicant,
    require_member,
    tell_applicant,
)
from tyndau.appeals.services.filing import clock_for, store_attachments
from tyndau.audit.services import record_event
from tyndau.authorities.models import LegalGround, PublicBody
from tyndau.core.calendar import add_months
from tyndau.core.calendar import local_today as today
from tyndau.core.redaction import redact


def appeal_assign(*, actor: Any, appeal: Appeal | int, assignee: Any) -> Appeal:
    """Give the case to a colleague of the same body (or take it)."""
    with transaction.atomic():
        locked = lock_appeal(appeal)
        require_member(actor, locked.body_id)
        refuse_if_complaint_pending(locked)
        if not acts_for_body(assignee, locked.body_id):
            raise AssigneeNotMember()
        old = locked.status
        if old != Status.INFO_REQUESTED:
            check_transition(locked, Status.IN_PROGRESS)
            locked.status = Status.IN_PROGRESS
        locked.assignee = assignee
        locked.save(update_fields=["status", "assignee"])
        record_event(
            actor=actor,
            action="appeals.appeal.assigned",
            obj=locked,
            payload={"from": old, "to": locked.status, "assignee": assignee.pk},
        )
    return locked


def appeal_forward(*, actor: Any, appeal: Appeal | int, to_body: PublicBody, reason: str) -> Appeal:
    """Forward to the competent body (art. 64(4): within 3 WD), telling the applicant why."""
    if not reason.strip():
        raise ReasonRequired()
    with transaction.atomic():
        locked = lock_appeal(appeal)
        require_member(actor, locked.body_id)
        refuse_if_complaint_pending(locked)
        check_transition(locked, Status.FORWARDED)
        if to_body.pk == locked.body_id:
            raise SameBody()
        if locked.deadline < today():
            # Like an extension: a forward restarts the term, which would hide the deemed refusal.
            raise ForwardTooLate()
        now = timezone.now()
        within = today() <= locked.forward_due
        Forwarding.objects.create(
            appeal=locked,
            from_body_id=locked.body_id,
            to_body=to_body,
            reason=reason.strip(),
            forwarded_by=actor,
            forwarded_at=now,
            within_term=within,
        )
        old, old_body = locked.status, locked.body_id
        # The competent body registers it anew; its term runs from that registration.
        for field, value in clock_for(now).items():
            setattr(locked, field, value)
        locked.status, locked.body, locked.assignee, locked.extension_count = Status.FORWARDED, to_body, None, 0
        forget_queue_counters(old_body)  # the save drops the new body's counters, not the former body's
        locked.save(
            update_fields=[
                "status",
                "body",
                "assignee",
                "extension_count",
                "registered_on",
                "forward_due",
                "original_deadline",
                "deadline",
            ]
        )
        record_event(
            actor=actor,
            action="appeals.appeal.forwarded",
            obj=locked,
            payload={
                "from": old,
                "to": locked.status,
                "from_body": old_body,
                "to_body": to_body.pk,
                "within_term": within,
                "deadline": locked.deadline,
            },
        )
        tell_applicant(locked, "forwarded", reason=reason.strip())
    return locked


def appeal_request_info(*, actor: Any, appeal: Appeal | int, question: str) -> Appeal:
    if not question.strip():
        raise QuestionRequired()
    with transaction.atomic():
        locked = lock_appeal(appeal)
        require_member(actor, locked.body_id)
        refuse_if_complaint_pending(locked)
        check_transition(locked, Status.INFO_REQUESTED)
        InfoRequest.objects.create(appeal=locked, question=question.strip(), asked_by=actor, asked_at=timezone.now())
        old = locked.status
        locked.status = Status.INFO_REQUESTED
        locked.save(update_fields=["status"])
        record_event(
            actor=actor, action="appeals.appeal.info_requested", obj=locked, payload={"from": old, "to": locked.status}
        )
        tell_applicant(locked, "info_requested", question=question.strip())
    return locked


def appeal_extend(*, actor: Any, appeal: Appeal | int, new_deadline: dt.date, reason: str) -> Appeal:
    """Art. 76(2): a reasoned decision of the head or deputy; 2 months in total; applicant told (≤ 3 WD)."""
    if not reason.strip():
        raise ReasonRequired()
    with transaction.atomic():
        locked = lock_appeal(appeal)
        require_member(actor, locked.body_id, supervisor=True)
        refuse_if_complaint_pending(locked)
        if locked.status not in OPEN_STATUSES:
            raise InvalidTransition()
        if locked.deadline < today():
            # Past its deadline the silence is already a refusal (art. 91(2)); a later date would hide it.
            raise DeadlinePassed()
        if new_deadline <= locked.deadline:
            raise DeadlineNotLater()
        if new_deadline > add_months(locked.original_deadline, rules.term("extension_cap_months")):
            raise ExtensionTooLong()
        Extension.objects.create(
            appeal=locked,
            old_deadline=locked.deadline,
            new_deadline=new_deadline,
            reason=reason.strip(),
            decided_by=actor,
            decided_at=timezone.now(),
        )
        old_deadline = locked.deadline
        locked.deadline, locked.extension_count = new_deadline, locked.extension_count + 1
        locked.save(update_fields=["deadline", "extension_count"])
        record_event(
            actor=actor,
            action="appeals.appeal.extended",
            obj=locked,
            payload={"old_deadline": old_deadline, "new_deadline": new_deadline},
        )
        # The notice goes at once, well inside the 3 WD the law allows.
        tell_applicant(locked, "extended", reason=reason.strip(), old_deadline=old_deadline)
    return locked


def appeal_answer(
    *,
    actor: Any,
    appeal: Appeal | int,
    outcome: str,
    text: str,
    legal_grounds: Sequence[LegalGround] = (),
    files: Sequence[Any] = (),
) -> Appeal:
    """A reasoned answer; a refusal cites at least one legal ground."""
    if not text.strip():
        raise TextRequired()
    check_grounds(legal_grounds, decision=f"appeal.{outcome}", required=outcome in (Outcome.REFUSED, Outcome.PARTLY))
    with transaction.atomic():
        locked = lock_appeal(appeal)
        require_member(actor, locked.body_id)
        refuse_if_complaint_pending(locked)
        check_transition(locked, Status.ANSWERED)
        now = timezone.now()
        names = []
        if locked.applicant is not None:
            names = [locked.applicant.first_name, locked.applicant.last_name, locked.applicant.patronymic]
        answer = Answer.objects.create(
            appeal=locked,
            outcome=outcome,
            text=text.strip(),
            body_id=locked.body_id,
            answered_by=actor,
            public_text=redact(text.strip(), names=names) if locked.publish_consent else "",
            created_at=now,
            on_time=today() <= locked.deadline,
        )
        answer.legal_grounds.set(legal_grounds)
        store_attachments(locked, files, Attachment.Purpose.ANSWER)
        old = locked.status
        locked.status, locked.answered_at = Status.ANSWERED, now
        locked.complaint_until = _complaint_until(today())
        locked.save(update_fields=["status", "answered_at", "complaint_until"])
        record_event(
            actor=actor,
            action="appeals.appeal.answered",
            obj=locked,
            payload={
                "from": old,
                "to": locked.status,
                "outcome": outcome,
                "on_time": answer.on_time,
                "legal_grounds": [g.code for g in legal_grounds],
                "attachments": len(files),
            },
        )
        tell_applicant(locked, "answered", answer=answer)
        appeal_answered(locked)
    return locked


def _complaint_until(learned_on: dt.date) -> dt.date:
    return add_months(learned_on, rules.term("complaint_window_months"))  # APPK art. 91: 3 months


def appeal_deem_refused(*, appeal: Appeal | int, actor: Any = None) -> Appeal | None:
    """APPK art. 91(2): silence past the deadline is a refusal from the next day. Idempotent."""
    with transaction.atomic():
        locked = lock_appeal(appeal)
        # Not an error when the table forbids it: the sweep may find the case answered meanwhile.
        if Status.DEEMED_REFUSED not in ALLOWED_TRANSITIONS[locked.status] or locked.deadline >= today():
            return None
        old = locked.status
        locked.status = Status.DEEMED_REFUSED
        locked.deemed_refused_on = locked.deadline + dt.timedelta(days=1)
        locked.complaint_until = _complaint_until(locked.deemed_refused_on)
        locked.save(update_fields=["status", "deemed_refused_on", "complaint_until"])
        record_event(
            actor=actor,
            action="appeals.appeal.deemed_refused",
            obj=locked,
            actor_label="system",
            payload={
                "from": old,
                "to": locked.status,
                "deadline": locked.deadline,
                "body": locked.body_id,
                "source": rules.DEEMED_REFUSAL_SOURCE,
            },
        )
        tell_applicant(locked, "deemed_refused")
    return locked


def appeal_close(*, actor: Any, appeal: Appeal | int) -> Appeal:
    """The applicant may close an answered case at any time, except while their complaint is pending (the
    higher body must still be able to decide it); the body only once the complaint window has passed."""
    with transaction.atomic():
        locked = lock_appeal(appeal)
        if locked.applicant_id is not None and getattr(actor, "pk", None) == locked.applicant_id:
            if locked.status == Status.COMPLAINED:
                raise ComplaintPendingForApplicant()
        else:
            require_member(actor, locked.body_id)
            refuse_if_complaint_pending(locked)
            if locked.complaint_until and today() <= locked.complaint_until:
                raise ComplaintWindowOpen()
        check_transition(locked, Status.CLOSED)
        old = locked.status
        locked.status, locked.closed_at = Status.CLOSED, timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        record_event(actor=actor, action="appeals.appeal.closed", obj=locked, payload={"from": old, "to": "closed"})
    return locked


def appeal_rate(*, actor: Any, appeal: Appeal | int, rating: int) -> Appeal:
    if rating not in range(1, 6):
        raise RatingOutOfRange()
    with transaction.atomic():
        locked = lock_appeal(appeal)
        require_applicant(actor, locked)
        if not hasattr(locked, "answer"):
            raise NotAnswered()
        locked.rating = rating
        locked.save(update_fields=["rating"])
        record_event(actor=actor, action="appeals.appeal.rated", obj=locked, payload={"rating": rating})
    return locked
