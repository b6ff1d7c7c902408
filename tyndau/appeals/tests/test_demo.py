"""The appeals demo seeds its higher-body official through the accounts service (audited, idempotent)."""

from __future__ import annotations

from typing import Any

import pytest

from tyndau.accounts.selectors import acts_for_body
from tyndau.appeals.demo import _higher_body_official
from tyndau.audit.models import Event

pytestmark = pytest.mark.django_db


def test_higher_body_official_is_placed_through_the_service(cast: Any) -> None:
    official = _higher_body_official(cast.body_a)
    assert official is not None and acts_for_body(official, cast.higher_body)
    assert Event.objects.filter(action="accounts.membership.added", object_id=str(official.memberships.get().pk))
    events = Event.objects.count()
    assert _higher_body_official(cast.body_a) == official
    assert Event.objects.count() == events


def test_demo_systemic_issues_one_owes_a_public_answer(cast: Any) -> None:
    from tyndau.appeals.demo import _systemic
    from tyndau.appeals.models import IssueStatus, SystemicIssue

    assert _systemic(cast.body_a) == 14
    assert _systemic(cast.body_a) == 0  # idempotent
    issues = {i.category.slug: i for i in SystemicIssue.objects.select_related("category")}
    assert issues["roads"].citizens == 11 and issues["roads"].status == IssueStatus.OWED
    assert issues["utilities"].citizens == 3 and issues["utilities"].status == IssueStatus.OPEN
