"""Every (from, to) pair of the appeal status table, the forbidden ones included."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import time_machine

from tyndau.appeals import services
from tyndau.appeals.models import (
    ALLOWED_TRANSITIONS,
    COMPLAINT_TRANSITIONS,
    Appeal,
    ComplaintStatus,
    Status,
)
from tyndau.core.calendar import KZ_TZ
from tyndau.core.errors import DomainError

pytestmark = pytest.mark.django_db

PAIRS = [(a, b) for a in Status.values for b in Status.values]


def _move(appeal: Appeal, to: str, cast: Any, ground: Any) -> None:
    """Try to move `appeal` to `to` through the one service that does it."""
    if to == Status.IN_PROGRESS:
        if appeal.status == Status.INFO_REQUESTED:
            services.appeal_provide_info(actor=cast.citizen, appeal=appeal, reply="Here it is.")
        else:
            services.appeal_assign(actor=cast.official_a, appeal=appeal, assignee=cast.official_a)
    elif to == Status.INFO_REQUESTED:
        services.appeal_request_info(actor=cast.official_a, appeal=appeal, question="Which street?")
    elif to == Status.FORWARDED:
        body = cast.body_b if appeal.body_id == cast.body_a.pk else cast.body_a
        member = cast.official_a if appeal.body_id == cast.body_a.pk else cast.official_b
        services.appeal_forward(actor=member, appeal=appeal, to_body=body, reason="Competence")
    elif to == Status.ANSWERED:
        member = cast.official_a if appeal.body_id == cast.body_a.pk else cast.official_b
        services.appeal_answer(actor=member, appeal=appeal, outcome="explained", text="A reasoned explanation.")
    elif to == Status.DEEMED_REFUSED:
        with time_machine.travel(
            dt.datetime.combine(appeal.deadline + dt.timedelta(days=2), dt.time(9), tzinfo=KZ_TZ), tick=False
        ):
            if services.appeal_deem_refused(appeal=appeal) is None:
                raise DomainError()
    elif to == Status.COMPLAINED:
        services.complaint_file(
            actor=cast.citizen, appeal=appeal, text="I disagree with it.", idempotency_key=uuid.uuid4()
        )
    elif to == Status.CLOSED:
        services.appeal_close(actor=cast.citizen, appeal=appeal)
    elif to == Status.REGISTERED:
        raise DomainError()  # nothing returns an appeal to "registered"


def _bring_to(status: str, file_appeal: Any, cast: Any, ground: Any) -> Appeal:
    appeal = file_appeal()
    path = {
        Status.REGISTERED: [],
        Status.IN_PROGRESS: [Status.IN_PROGRESS],
        Status.INFO_REQUESTED: [Status.INFO_REQUESTED],
        Status.FORWARDED: [Status.FORWARDED, Status.FORWARDED],  # back to body A
        Status.ANSWERED: [Status.ANSWERED],
        Status.DEEMED_REFUSED: [Status.DEEMED_REFUSED],
        Status.COMPLAINED: [Status.ANSWERED, Status.COMPLAINED],
        Status.CLOSED: [Status.ANSWERED, Status.CLOSED],
    }[status]
    for step in path:
        _move(appeal, step, cast, ground)
        appeal.refresh_from_db()
    assert appeal.status == status
    return appeal


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_transition_pair(source: str, target: str, file_appeal: Any, cast: Any, ground: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=KZ_TZ), tick=False):
        appeal = _bring_to(source, file_appeal, cast, ground)
        allowed = target in ALLOWED_TRANSITIONS[source]
        if allowed:
            _move(appeal, target, cast, ground)
            appeal.refresh_from_db()
            assert appeal.status == target
        else:
            with pytest.raises(DomainError):
                _move(appeal, target, cast, ground)
            appeal.refresh_from_db()
            assert appeal.status == source


COMPLAINT_PAIRS = [(a, b) for a in ComplaintStatus.values for b in ComplaintStatus.values]


@pytest.mark.parametrize(("source", "target"), COMPLAINT_PAIRS)
def test_complaint_transition_pair(source: str, target: str, file_appeal: Any, cast: Any, ground: Any) -> None:
    higher_official = _higher_official(cast)
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=KZ_TZ), tick=False):
        appeal = _bring_to(Status.ANSWERED, file_appeal, cast, ground)
        complaint = services.complaint_file(
            actor=cast.citizen, appeal=appeal, text="I disagree.", idempotency_key=uuid.uuid4()
        )

        def move(to: str) -> None:
            if to == ComplaintStatus.GRANTED:
                services.complaint_grant(actor=cast.official_a, complaint=complaint, text="We grant it fully.")
            elif to == ComplaintStatus.PASSED:
                services.complaint_pass(actor=cast.official_a, complaint=complaint)
            elif to == ComplaintStatus.DECIDED:
                services.complaint_decide(
                    actor=higher_official, complaint=complaint, outcome="upheld", text="The body must act."
                )
            else:
                raise DomainError()

        if source != ComplaintStatus.FILED:
            move(ComplaintStatus.PASSED if source == ComplaintStatus.DECIDED else source)
            if source == ComplaintStatus.DECIDED:
                move(ComplaintStatus.DECIDED)
        complaint.refresh_from_db()
        assert complaint.status == source
        if target in COMPLAINT_TRANSITIONS[source]:
            move(target)
            complaint.refresh_from_db()
            assert complaint.status == target
        else:
            with pytest.raises(DomainError):
                move(target)


def _higher_official(cast: Any) -> Any:
    from tyndau.accounts.models import Membership, Role
    from tyndau.core.testing import make_user

    user = make_user("higher.official@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=user, body=cast.higher_body)
    return user
