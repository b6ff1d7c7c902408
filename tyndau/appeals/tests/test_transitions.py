"""The transition tables, proved pair by pair (issue 11.10).

For every (from, to) pair of `ALLOWED_TRANSITIONS` (and `COMPLAINT_TRANSITIONS`) the appeal is brought to
`from` through the services, then the one service that moves it to `to` is called by an actor who may call
it, with every argument it needs. An allowed pair must land on `to`. A forbidden pair must raise
`InvalidTransition` — not a permission error, a missing text or any other refusal, which would make the
case pass for the wrong reason — and leave the status, and the audit log, as they were. A target no
service moves to ("registered", a complaint's "filed" again) has no entry in any row of the table.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import time_machine

from tyndau.appeals import services
from tyndau.appeals.models import ALLOWED_TRANSITIONS, COMPLAINT_TRANSITIONS, Appeal, Complaint, ComplaintStatus, Status
from tyndau.audit.models import Event
from tyndau.core.calendar import KZ_TZ
from tyndau.core.errors import InvalidTransition

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 10, tzinfo=KZ_TZ)
PAIRS = [(a, b) for a in Status.values for b in Status.values]
COMPLAINT_PAIRS = [(a, b) for a in ComplaintStatus.values for b in ComplaintStatus.values]


def _member_of(appeal: Appeal, cast: Any) -> Any:
    return cast.official_a if appeal.body_id == cast.body_a.pk else cast.official_b


def _mover(to: str, appeal: Appeal, cast: Any) -> Callable[[], Any]:
    """The one service call that moves `appeal` to `to`, by an actor allowed to make it, fully argued."""
    member = _member_of(appeal, cast)
    other_body = cast.body_b if appeal.body_id == cast.body_a.pk else cast.body_a
    moves: dict[str, Callable[[], Any]] = {
        Status.IN_PROGRESS: (
            (lambda: services.appeal_provide_info(actor=cast.citizen, appeal=appeal, reply="Here it is."))
            if appeal.status == Status.INFO_REQUESTED
            else (lambda: services.appeal_assign(actor=member, appeal=appeal, assignee=member))
        ),
        Status.INFO_REQUESTED: lambda: services.appeal_request_info(actor=member, appeal=appeal, question="Which?"),
        Status.FORWARDED: lambda: services.appeal_forward(
            actor=member, appeal=appeal, to_body=other_body, reason="Competence"
        ),
        Status.ANSWERED: lambda: services.appeal_answer(
            actor=member, appeal=appeal, outcome="explained", text="A reasoned explanation."
        ),
        Status.COMPLAINED: lambda: services.complaint_file(
            actor=cast.citizen, appeal=appeal, text="I disagree with it.", idempotency_key=uuid.uuid4()
        ),
        Status.CLOSED: (
            # A pending complaint ends only with its decision (the applicant may not withdraw the appeal).
            (lambda: _decide_complaint(appeal, cast))
            if appeal.status == Status.COMPLAINED
            else (lambda: services.appeal_close(actor=cast.citizen, appeal=appeal))
        ),
    }
    return moves[to]


def _decide_complaint(appeal: Appeal, cast: Any) -> None:
    complaint = appeal.complaint
    services.complaint_pass(actor=cast.official_a, complaint=complaint)
    services.complaint_decide(actor=_higher_official(cast), complaint=complaint, outcome="upheld", text="Act.")


def _deem_refused(appeal: Appeal) -> Appeal | None:
    after_deadline = dt.datetime.combine(appeal.deadline + dt.timedelta(days=2), dt.time(9), tzinfo=KZ_TZ)
    with time_machine.travel(after_deadline, tick=False):
        return services.appeal_deem_refused(appeal=appeal)


PATHS = {
    Status.REGISTERED: [],
    Status.IN_PROGRESS: [Status.IN_PROGRESS],
    Status.INFO_REQUESTED: [Status.INFO_REQUESTED],
    Status.FORWARDED: [Status.FORWARDED, Status.FORWARDED],  # A → B → A: back with body A's official
    Status.ANSWERED: [Status.ANSWERED],
    Status.DEEMED_REFUSED: [Status.DEEMED_REFUSED],
    Status.COMPLAINED: [Status.ANSWERED, Status.COMPLAINED],
    Status.CLOSED: [Status.ANSWERED, Status.CLOSED],
}


def _bring_to(status: str, file_appeal: Any, cast: Any) -> Appeal:
    appeal = file_appeal()
    for step in PATHS[status]:
        if step == Status.DEEMED_REFUSED:
            assert _deem_refused(appeal) is not None
        else:
            _mover(step, appeal, cast)()
        appeal.refresh_from_db()
    assert appeal.status == status
    return appeal


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_transition_pair(source: str, target: str, file_appeal: Any, cast: Any) -> None:
    if target == Status.REGISTERED:  # nothing returns an appeal to "registered": no service, no table entry
        assert all(Status.REGISTERED not in targets for targets in ALLOWED_TRANSITIONS.values())
        return
    with time_machine.travel(START, tick=False):
        appeal = _bring_to(source, file_appeal, cast)
        events = Event.objects.count()
        allowed = target in ALLOWED_TRANSITIONS[source]
        if target == Status.DEEMED_REFUSED:
            # The sweep's step: where the table forbids it, it does nothing (the case may have been
            # answered since the sweep read it) — no error, no change, no event.
            result = _deem_refused(appeal)
            assert (result is not None) is allowed
        elif allowed:
            _mover(target, appeal, cast)()
        else:
            with pytest.raises(InvalidTransition):
                _mover(target, appeal, cast)()
        appeal.refresh_from_db()
        assert appeal.status == (target if allowed else source)
        assert (Event.objects.count() > events) is allowed


def _higher_official(cast: Any) -> Any:
    from tests.cast import make_user
    from tyndau.accounts.models import Membership, Role

    user = make_user("higher.official@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=user, body=cast.higher_body)
    return user


def _complaint_mover(to: str, complaint: Complaint, cast: Any, higher: Any) -> Callable[[], Any]:
    return {
        ComplaintStatus.GRANTED: lambda: services.complaint_grant(
            actor=cast.official_a, complaint=complaint, text="We grant it fully."
        ),
        ComplaintStatus.PASSED: lambda: services.complaint_pass(actor=cast.official_a, complaint=complaint),
        ComplaintStatus.DECIDED: lambda: services.complaint_decide(
            actor=higher, complaint=complaint, outcome="upheld", text="The body must act."
        ),
    }[to]


@pytest.mark.parametrize(("source", "target"), COMPLAINT_PAIRS)
def test_complaint_transition_pair(source: str, target: str, file_appeal: Any, cast: Any) -> None:
    if target == ComplaintStatus.FILED:  # filing creates the complaint; nothing returns one to "filed"
        assert all(ComplaintStatus.FILED not in targets for targets in COMPLAINT_TRANSITIONS.values())
        return
    higher = _higher_official(cast)
    with time_machine.travel(START, tick=False):
        appeal = _bring_to(Status.ANSWERED, file_appeal, cast)
        complaint = services.complaint_file(
            actor=cast.citizen, appeal=appeal, text="I disagree.", idempotency_key=uuid.uuid4()
        )
        path = {
            ComplaintStatus.FILED: [],
            ComplaintStatus.GRANTED: [ComplaintStatus.GRANTED],
            ComplaintStatus.PASSED: [ComplaintStatus.PASSED],
            ComplaintStatus.DECIDED: [ComplaintStatus.PASSED, ComplaintStatus.DECIDED],
        }[source]
        for step in path:
            _complaint_mover(step, complaint, cast, higher)()
        complaint.refresh_from_db()
        assert complaint.status == source
        events = Event.objects.count()
        allowed = target in COMPLAINT_TRANSITIONS[source]
        if allowed:
            _complaint_mover(target, complaint, cast, higher)()
        else:
            with pytest.raises(InvalidTransition):
                _complaint_mover(target, complaint, cast, higher)()
        complaint.refresh_from_db()
        assert complaint.status == (target if allowed else source)
        assert (Event.objects.count() > events) is allowed
