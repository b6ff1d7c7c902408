"""What the challenged body may no longer do: end a pending complaint (issue 10.3) or extend a
deadline that has already passed, hiding the deemed refusal (issue 10.9)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import time_machine

from tests.cast import make_user
from tyndau.accounts.models import Membership, Role
from tyndau.appeals import services
from tyndau.appeals.errors import ComplaintPending, ComplaintWindowOpen, DeadlinePassed, ForwardTooLate
from tyndau.appeals.models import Appeal, ComplaintStatus, Status
from tyndau.core.calendar import KZ_TZ

pytestmark = pytest.mark.django_db

LOWER_BODY_ACTIONS: dict[str, Callable[[Any, Appeal], Any]] = {
    "close": lambda cast, a: services.appeal_close(actor=cast.official_a, appeal=a),
    "close_by_head": lambda cast, a: services.appeal_close(actor=cast.supervisor_a, appeal=a),
    "assign": lambda cast, a: services.appeal_assign(actor=cast.official_a, appeal=a, assignee=cast.official_a),
    "forward": lambda cast, a: services.appeal_forward(
        actor=cast.official_a, appeal=a, to_body=cast.body_b, reason="Not ours"
    ),
    "request_info": lambda cast, a: services.appeal_request_info(actor=cast.official_a, appeal=a, question="Which?"),
    "extend": lambda cast, a: services.appeal_extend(
        actor=cast.supervisor_a, appeal=a, new_deadline=a.deadline + dt.timedelta(days=5), reason="Expert"
    ),
    "answer": lambda cast, a: services.appeal_answer(
        actor=cast.official_a, appeal=a, outcome="satisfied", text="We fixed the light after all."
    ),
}


def _complained(file_appeal: Any, cast: Any) -> Appeal:
    appeal = file_appeal()
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text="A reasoned explanation.")
    services.complaint_file(actor=cast.citizen, appeal=appeal, text="I disagree with it.", idempotency_key=uuid.uuid4())
    appeal.refresh_from_db()
    assert appeal.status == Status.COMPLAINED
    return appeal


@pytest.mark.parametrize("passed", [False, True], ids=["complaint_filed", "complaint_passed"])
@pytest.mark.parametrize("action", sorted(LOWER_BODY_ACTIONS))
def test_no_lower_body_action_ends_a_pending_complaint(
    action: str, passed: bool, file_appeal: Any, cast: Any, at_monday: Any
) -> None:
    appeal = _complained(file_appeal, cast)
    if passed:
        services.complaint_pass(actor=cast.official_a, complaint=appeal.complaint)
    with pytest.raises(ComplaintPending):
        LOWER_BODY_ACTIONS[action](cast, appeal)
    appeal.refresh_from_db()
    assert appeal.status == Status.COMPLAINED and appeal.body_id == cast.body_a.pk
    # ... and the higher body can still decide it.
    complaint = appeal.complaint
    if not passed:
        services.complaint_pass(actor=cast.official_a, complaint=complaint)
    higher = make_user("higher@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=higher, body=cast.higher_body)
    services.complaint_decide(actor=higher, complaint=complaint, outcome="upheld", text="The body must act.")
    complaint.refresh_from_db()
    appeal.refresh_from_db()
    assert complaint.status == ComplaintStatus.DECIDED and appeal.status == Status.CLOSED


def test_official_close_view_says_why_a_pending_complaint_stops_it(
    client: Any, file_appeal: Any, cast: Any, at_monday: Any
) -> None:
    appeal = _complained(file_appeal, cast)
    client.force_login(cast.official_a)
    response = client.post(f"/en/appeals/a/{appeal.number}/official-close/", follow=True)
    assert str(ComplaintPending.default_message) in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == Status.COMPLAINED


def test_body_closes_only_after_the_complaint_window(file_appeal: Any, cast: Any, at_monday: Any) -> None:
    appeal = file_appeal()
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text="A reasoned explanation.")
    appeal.refresh_from_db()
    with pytest.raises(ComplaintWindowOpen):
        services.appeal_close(actor=cast.official_a, appeal=appeal)
    after = dt.datetime.combine(appeal.complaint_until + dt.timedelta(days=1), dt.time(10), tzinfo=KZ_TZ)
    with time_machine.travel(after, tick=False):
        services.appeal_close(actor=cast.official_a, appeal=appeal)
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED


def test_overdue_deadline_cannot_be_extended(file_appeal: Any, cast: Any) -> None:
    """Nov 27 → Jan 15, asked on Dec 6: refused, the deadline stays and the sweep still deems the refusal."""
    with time_machine.travel(dt.datetime(2026, 11, 6, 10, tzinfo=KZ_TZ), tick=False):
        appeal = file_appeal()
    assert appeal.deadline == dt.date(2026, 11, 27)
    with time_machine.travel(dt.datetime(2026, 12, 6, 10, tzinfo=KZ_TZ), tick=False):
        with pytest.raises(DeadlinePassed):
            services.appeal_extend(
                actor=cast.supervisor_a, appeal=appeal, new_deadline=dt.date(2027, 1, 15), reason="Expert opinion"
            )
        appeal.refresh_from_db()
        assert appeal.deadline == dt.date(2026, 11, 27) and appeal.extension_count == 0
        assert services.sweep_deadlines().deemed_refused == 1
    appeal.refresh_from_db()
    assert appeal.status == Status.DEEMED_REFUSED


def test_extension_on_the_last_day_is_still_allowed(file_appeal: Any, cast: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 6, 10, tzinfo=KZ_TZ), tick=False):
        appeal = file_appeal()
    with time_machine.travel(dt.datetime(2026, 11, 27, 17, tzinfo=KZ_TZ), tick=False):
        services.appeal_extend(
            actor=cast.supervisor_a, appeal=appeal, new_deadline=dt.date(2026, 12, 18), reason="Expert opinion"
        )
    appeal.refresh_from_db()
    assert appeal.deadline == dt.date(2026, 12, 18)


def test_extend_view_shows_the_refusal_in_the_form(client: Any, file_appeal: Any, cast: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 6, 10, tzinfo=KZ_TZ), tick=False):
        appeal = file_appeal()
    client.force_login(cast.supervisor_a)
    with time_machine.travel(dt.datetime(2026, 12, 6, 10, tzinfo=KZ_TZ), tick=False):
        response = client.post(
            f"/ru/appeals/a/{appeal.number}/extend/", {"new_deadline": "2027-01-15", "reason": "Экспертиза"}
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Срок уже истёк" in html  # translated, not the generic sentence
    assert "2027-01-15" in html and "Экспертиза" in html  # what was typed is kept


def test_overdue_appeal_cannot_be_forwarded_either(file_appeal: Any, cast: Any) -> None:
    """The sibling of the extension: a forward starts a new term at the new body and would hide the refusal."""
    with time_machine.travel(dt.datetime(2026, 11, 6, 10, tzinfo=KZ_TZ), tick=False):
        appeal = file_appeal()
    with time_machine.travel(dt.datetime(2026, 12, 6, 10, tzinfo=KZ_TZ), tick=False):
        with pytest.raises(ForwardTooLate):
            services.appeal_forward(actor=cast.official_a, appeal=appeal, to_body=cast.body_b, reason="Not ours")
        appeal.refresh_from_db()
        assert appeal.body_id == cast.body_a.pk and appeal.deadline == dt.date(2026, 11, 27)
        assert services.sweep_deadlines().deemed_refused == 1
