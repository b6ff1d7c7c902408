"""The challenge route: the organiser complains against a refusal or conditions; the akimat's higher
body decides on its clock (cut to the day before the event); upheld annuls the decision."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.test import Client

from tyndau.appeals import rules as appeal_rules
from tyndau.assemblies import rules, services
from tyndau.assemblies.errors import (
    ChallengeAlreadyOpen,
    ComplaintTextRequired,
    InvalidTransition,
    NotChallengeable,
    PermissionDenied,
)
from tyndau.assemblies.models import Challenge, Decision, Status
from tyndau.assemblies.services.challenges import challenge_due
from tyndau.assemblies.tests.conftest import EVENT_DAY, at
from tyndau.audit.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def higher(cast: Any) -> Any:
    """An official of the regional akimat above body A (the higher body of the complaint route)."""
    from tests.cast import make_user
    from tyndau.accounts.models import Membership, Role

    user = make_user("higher@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=user, body=cast.higher_body, position="Specialist")
    return user


def test_the_term_is_appeals_complaint_term() -> None:
    """The same rules data as appeals' complaints (the two apps may not import each other)."""
    ours, theirs = rules.RULES["challenge_decision_wd"], appeal_rules.RULES["complaint_decision_wd"]
    assert (ours.value, ours.unit, ours.source, ours.confirmed) == (
        theirs.value,
        theirs.unit,
        theirs.source,
        theirs.confirmed,
    )


def test_due_is_cut_to_the_day_before_the_event() -> None:
    assert challenge_due(dt.date(2026, 3, 4), dt.date(2026, 3, 23)) == dt.date(2026, 3, 22)
    # 20 WD across 9 March and the Nauryz days off (21-25 March 2026).
    assert challenge_due(dt.date(2026, 3, 4), dt.date(2026, 6, 1)) == dt.date(2026, 4, 7)


def _refused(notify: Any, cast: Any, grounds: Any) -> Any:
    assembly = notify()
    ground = next(g for code, g in grounds.items() if code != "assemblies.place-already-taken")
    return services.assembly_refuse(actor=cast.official_a, assembly=assembly, grounds=[ground], reasons="No")


def test_upheld_complaint_annuls_the_refusal(
    at_wednesday: Any, notify: Any, cast: Any, grounds: Any, higher: Any
) -> None:
    assembly = _refused(notify, cast, grounds)
    key = uuid.uuid4()
    challenge = services.challenge_file(
        actor=assembly.organiser, assembly=assembly, text="Unlawful", idempotency_key=key
    )
    assert (
        services.challenge_file(actor=assembly.organiser, assembly=assembly, text="x", idempotency_key=key) == challenge
    )
    assert challenge.higher_body == cast.higher_body and challenge.decision_due == EVENT_DAY - dt.timedelta(days=1)
    with pytest.raises(ChallengeAlreadyOpen):
        services.challenge_file(actor=assembly.organiser, assembly=assembly, text="Again", idempotency_key=uuid.uuid4())
    with pytest.raises(PermissionDenied):  # the akimat does not judge its own decision
        services.challenge_decide(actor=cast.official_a, challenge=challenge, outcome="upheld", text="Fine")
    services.challenge_decide(actor=higher, challenge=challenge, outcome="upheld", text="The refusal is unlawful")
    assembly.refresh_from_db()
    assert assembly.status == Status.ACCEPTED
    last = assembly.decisions.order_by("-pk").first()
    assert (last.kind, last.body_id) == (Decision.Kind.ACCEPT, cast.higher_body.pk)
    with pytest.raises(InvalidTransition):
        services.challenge_decide(actor=higher, challenge=challenge, outcome="rejected", text="Changed my mind")
    actions = list(Event.objects.filter(action__startswith="assemblies.challenge").values_list("action", flat=True))
    assert actions == ["assemblies.challenge.filed", "assemblies.challenge.decided"]


def test_rejected_complaint_leaves_the_decision(
    at_wednesday: Any, notify: Any, cast: Any, grounds: Any, higher: Any
) -> None:
    assembly = _refused(notify, cast, grounds)
    challenge = services.challenge_file(
        actor=assembly.organiser, assembly=assembly, text="Unlawful", idempotency_key=uuid.uuid4()
    )
    services.challenge_decide(actor=higher, challenge=challenge, outcome="rejected", text="Lawful")
    assembly.refresh_from_db()
    assert assembly.status == Status.REFUSED
    assert Challenge.objects.get().outcome == "rejected"


def test_refusals(at_wednesday: Any, notify: Any, cast: Any, grounds: Any) -> None:
    pending = notify()
    with pytest.raises(NotChallengeable):
        services.challenge_file(actor=pending.organiser, assembly=pending, text="x", idempotency_key=uuid.uuid4())
    refused = _refused(notify, cast, grounds)
    with pytest.raises(ComplaintTextRequired):
        services.challenge_file(actor=refused.organiser, assembly=refused, text=" ", idempotency_key=uuid.uuid4())
    with pytest.raises(PermissionDenied):
        services.challenge_file(actor=cast.other_citizen, assembly=refused, text="x", idempotency_key=uuid.uuid4())
    at_wednesday.move_to(at(EVENT_DAY, 12))
    with pytest.raises(NotChallengeable):
        services.challenge_file(actor=refused.organiser, assembly=refused, text="x", idempotency_key=uuid.uuid4())


def test_pages(at_wednesday: Any, notify: Any, cast: Any, grounds: Any, higher: Any) -> None:
    assembly = _refused(notify, cast, grounds)
    organiser = Client()
    organiser.force_login(assembly.organiser)
    url = f"/en/assemblies/a/{assembly.number}/challenge/"
    assert organiser.get(url).status_code == 200
    kept = organiser.post(url, {"text": "", "idempotency_key": str(uuid.uuid4())})
    assert kept.status_code == 200
    assert organiser.post(url, {"text": "Unlawful refusal", "idempotency_key": str(uuid.uuid4())}).status_code == 302
    challenge = Challenge.objects.get()
    body = Client()
    body.force_login(higher)
    assert "Unlawful refusal" in body.get("/en/assemblies/challenges/").content.decode()
    decide = f"/en/assemblies/challenges/{challenge.pk}/"
    assert body.get(decide).status_code == 200
    other = Client()
    other.force_login(cast.official_a)
    assert other.get(decide).status_code == 404
    assert body.post(decide, {"outcome": "upheld", "text": "Unlawful"}).status_code == 302
    detail = organiser.get(f"/en/assemblies/a/{assembly.number}/").content.decode()
    assert "Complaint decided by the higher body" in detail
    public = Client().get(f"/en/assemblies/register/{assembly.number}/").content.decode()
    assert "Unlawful refusal" not in public and "Upheld" in public
