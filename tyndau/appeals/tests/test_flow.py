"""The main story: file → receipt → answer → complaint → higher body; sweep; forwarding; extension."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import time_machine
from django.core import mail

from tyndau.appeals import services
from tyndau.appeals.errors import ExtensionTooLong, LegalGroundRequired
from tyndau.appeals.models import Appeal, ComplaintStatus, Status
from tyndau.audit.models import Event
from tyndau.core.calendar import KZ_TZ
from tyndau.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db(transaction=False)


def test_filing_registers_with_receipt_and_deadline(
    file_appeal: Any, at_monday: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        appeal = file_appeal()
    assert appeal.status == Status.REGISTERED
    assert appeal.registered_on == dt.date(2026, 3, 2)
    # 15 working days after Monday 2 March 2026: 8 March (Sunday, International Women's Day) is moved to Monday 9.
    assert appeal.deadline > appeal.registered_on
    assert len(appeal.number) == 13 and appeal.number.startswith("260302-")
    assert Event.objects.filter(action="appeals.appeal.filed", object_id=str(appeal.pk)).exists()
    assert any(appeal.number in m.subject for m in mail.outbox)


def test_after_hours_registers_next_working_day(file_appeal: Any) -> None:
    friday_evening = dt.datetime(2026, 3, 13, 19, 30, tzinfo=KZ_TZ)
    with time_machine.travel(friday_evening, tick=False):
        appeal = file_appeal()
    assert appeal.registered_on == dt.date(2026, 3, 16)  # Monday (APPK art. 64(3))


def test_double_submit_creates_one_appeal(file_appeal: Any) -> None:
    key = uuid.uuid4()
    first = file_appeal(idempotency_key=key)
    second = file_appeal(idempotency_key=key)
    assert first.pk == second.pk
    assert Appeal.objects.count() == 1


def test_anonymous_only_for_reports(file_appeal: Any, cast: Any) -> None:
    from tyndau.appeals.errors import AnonymousNotAllowed

    with pytest.raises(AnonymousNotAllowed):
        file_appeal(anonymous=True, kind="application")


def test_answer_complaint_and_higher_decision(file_appeal: Any, cast: Any, ground: Any, at_monday: Any) -> None:
    appeal = file_appeal()
    services.appeal_assign(actor=cast.official_a, appeal=appeal, assignee=cast.official_a)
    with pytest.raises(LegalGroundRequired):
        services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="refused", text="No money in the budget.")
    services.appeal_answer(
        actor=cast.official_a,
        appeal=appeal,
        outcome="refused",
        text="No money in the budget this year.",
        legal_grounds=[ground],
    )
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED and appeal.answer.on_time
    complaint = services.complaint_file(
        actor=cast.citizen, appeal=appeal, text="The answer ignores the facts.", idempotency_key=uuid.uuid4()
    )
    assert complaint.higher_body == cast.higher_body
    with pytest.raises(PermissionDenied):
        services.complaint_pass(actor=cast.official_b, complaint=complaint)
    services.complaint_pass(actor=cast.official_a, complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.PASSED and complaint.decision_due
    with pytest.raises(PermissionDenied):
        services.complaint_decide(actor=cast.official_a, complaint=complaint, outcome="upheld", text="Fix it.")


def test_sweep_deems_refusal_once(file_appeal: Any, cast: Any, django_capture_on_commit_callbacks: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=KZ_TZ), tick=False):
        appeal = file_appeal()
    deadline = appeal.deadline
    with time_machine.travel(dt.datetime.combine(deadline, dt.time(20, 0), tzinfo=KZ_TZ), tick=False):
        assert services.sweep_deadlines().deemed_refused == 0  # the last day still counts
    after = dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time(0, 5), tzinfo=KZ_TZ)
    with time_machine.travel(after, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.sweep_deadlines().deemed_refused == 1
        assert services.sweep_deadlines().deemed_refused == 0
    appeal.refresh_from_db()
    assert appeal.status == Status.DEEMED_REFUSED
    assert appeal.deemed_refused_on == deadline + dt.timedelta(days=1)
    assert Event.objects.filter(action="appeals.appeal.deemed_refused").count() == 1
    assert any(f"/appeals/a/{appeal.number}/complain/" in m.body for m in mail.outbox)  # how to complain


def test_extension_capped_at_two_months(file_appeal: Any, cast: Any, at_monday: Any) -> None:
    appeal = file_appeal()
    with pytest.raises(PermissionDenied):
        services.appeal_extend(
            actor=cast.official_a,
            appeal=appeal,
            new_deadline=appeal.deadline + dt.timedelta(10),
            reason="Expert opinion needed",
        )
    with pytest.raises(ExtensionTooLong):
        services.appeal_extend(
            actor=cast.supervisor_a,
            appeal=appeal,
            new_deadline=appeal.original_deadline + dt.timedelta(days=70),
            reason="Too long",
        )
    services.appeal_extend(
        actor=cast.supervisor_a,
        appeal=appeal,
        new_deadline=appeal.original_deadline + dt.timedelta(days=30),
        reason="Expert opinion",
    )
    appeal.refresh_from_db()
    assert appeal.extension_count == 1 and appeal.deadline == appeal.original_deadline + dt.timedelta(days=30)


def test_forward_moves_to_competent_body_with_new_term(file_appeal: Any, cast: Any, at_monday: Any) -> None:
    appeal = file_appeal()
    services.appeal_forward(actor=cast.official_a, appeal=appeal, to_body=cast.body_b, reason="Body B handles it")
    appeal.refresh_from_db()
    assert appeal.body == cast.body_b and appeal.status == Status.FORWARDED
    assert appeal.forwardings.get().within_term
    with pytest.raises(PermissionDenied):
        services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text="x" * 40)
