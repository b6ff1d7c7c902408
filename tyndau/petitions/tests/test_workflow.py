"""The petition workflow: every (from, to) pair, permissions, deadlines, threshold crossing."""

from __future__ import annotations

import datetime as dt
from itertools import product
from typing import Any

import pytest
import time_machine
from django.core import mail

from tyndau.audit.models import Event
from tyndau.core.errors import InvalidTransition, PermissionDenied
from tyndau.petitions import rules, services
from tyndau.petitions.errors import PetitionError
from tyndau.petitions.models import ALLOWED_TRANSITIONS, Petition, RegionCount, Status

from .conftest import make_petition, sign_confirmed

pytestmark = pytest.mark.django_db


def _force(petition: Petition, status: str, **fields: Any) -> Petition:
    """Test setup only: put a petition in a state (the services are what is under test)."""
    fields.setdefault("threshold", 2500)
    Petition.objects.filter(pk=petition.pk).update(status=status, **fields)
    petition.refresh_from_db()
    return petition


def _attempt(to: str, petition: Petition, cast: Any, grounds: dict[str, Any]) -> None:
    """The one service that moves a petition to `to`, with every other condition of it met, so that
    only the transition table can refuse it."""
    if to == Status.MODERATION:
        services.petition_submit(actor=cast.citizen, petition=petition)
    elif to == Status.OPEN:
        services.petition_approve(actor=cast.moderator, petition=petition)
    elif to == Status.REJECTED:
        services.petition_reject(actor=cast.moderator, petition=petition, ground=grounds["petitions.unclear"])
    elif to == Status.FORWARDED:
        Petition.objects.filter(pk=petition.pk).update(signature_count=5000)
        services.petition_forward(petition=petition)
    elif to == Status.CLOSED:
        Petition.objects.filter(pk=petition.pk).update(closes_on=dt.date(2020, 1, 1))
        services.petition_close(petition=petition)
    elif to == Status.RESPONDED:
        services.petition_respond(
            actor=cast.official_a,
            petition=petition,
            outcome="granted",
            text="The footbridge will be built in 2027 from the town budget.",
        )
    else:  # pragma: no cover - the parametrisation names only statuses a service moves to
        raise AssertionError(f"no service moves a petition to {to}")


# Every status a service moves a petition to; nothing moves one back to DRAFT (a rejected petition is
# resubmitted as a new draft, `petition_resubmit`), which the table must say too.
TARGETS = [status for status in Status.values if status != Status.DRAFT]


def test_nothing_moves_a_petition_back_to_draft() -> None:
    assert all(Status.DRAFT not in allowed for allowed in ALLOWED_TRANSITIONS.values())
    assert set(ALLOWED_TRANSITIONS) == set(Status.values)


@pytest.mark.parametrize(("source", "target"), list(product(Status.values, TARGETS)))
def test_every_transition_pair(pcast: Any, grounds: dict[str, Any], source: str, target: str) -> None:
    petition = _force(make_petition(pcast), source)
    if target in ALLOWED_TRANSITIONS[source]:
        _attempt(target, petition, pcast, grounds)
        petition.refresh_from_db()
        assert petition.status == target
        assert Event.objects.filter(object_id=str(petition.pk), action__startswith="petitions.petition.").exists()
    else:
        with pytest.raises(InvalidTransition) as refused:
            _attempt(target, petition, pcast, grounds)
        assert type(refused.value) is InvalidTransition
        petition.refresh_from_db()
        assert petition.status == source


def test_submit_sets_moderation_deadline_of_20_working_days(pcast: Any) -> None:
    petition = make_petition(pcast)
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)):  # Monday
        services.petition_submit(actor=pcast.citizen, petition=petition)
    petition.refresh_from_db()
    # 20 WD from Mon 2 March 2026, skipping 8 March and Nauryz 21-23 March holidays.
    assert petition.moderation_due is not None
    assert petition.moderation_due > dt.date(2026, 3, 27)
    assert Event.objects.filter(action="petitions.petition.submitted").count() == 1


def test_only_creator_submits_and_only_moderator_decides(pcast: Any, grounds: dict[str, Any]) -> None:
    petition = make_petition(pcast)
    with pytest.raises(PermissionDenied):
        services.petition_submit(actor=pcast.other_citizen, petition=petition)
    services.petition_submit(actor=pcast.citizen, petition=petition)
    with pytest.raises(PermissionDenied):
        services.petition_approve(actor=pcast.citizen, petition=petition)
    with pytest.raises(PermissionDenied):
        services.petition_reject(actor=pcast.official_a, petition=petition, ground=grounds["petitions.unclear"])


def test_non_citizen_cannot_draft(pcast: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.petition_create_draft(
            actor=pcast.official_a, title="x" * 20, request_text="y" * 40, background="", addressee=pcast.body_a
        )


def test_approval_fixes_threshold_and_collection_period(pcast: Any) -> None:
    petition = make_petition(pcast, status="open")
    assert petition.threshold == 2500
    assert petition.closes_on is not None and petition.opened_at is not None
    assert (petition.closes_on - petition.opened_at.date()).days in range(180, 186)


@pytest.mark.parametrize(
    ("kind", "level", "population", "expected"),
    [
        ("government", "national", None, 50_000),
        ("akimat", "regional", 1_500_000, 15_000),
        ("maslikhat", "regional", 1_500_000, 30_000),
        ("akimat", "district", 60_000, 2_500),
        ("maslikhat", "district", 60_000, 5_000),
        ("akimat", "district", 40_000, None),
        ("ministry", "national", None, None),
    ],
)
def test_thresholds_by_addressee(
    cast: Any, kind: str, level: str, population: int | None, expected: int | None
) -> None:
    from tyndau.authorities.models import PublicBody

    body = PublicBody(kind=kind, level=level, region=cast.region, population=population)
    cast.region.population = 1_500_000
    assert rules.threshold_for(body) == expected


def test_rules_are_overridable_by_settings(settings: Any, cast: Any) -> None:
    settings.TYNDAU_PETITION_RULES = {"government_threshold": 10_000}
    from tyndau.authorities.models import PublicBody

    assert rules.threshold_for(PublicBody(kind="government", level="national")) == 10_000
    assert all(row["source"] for row in rules.rules_table())


def test_listing_at_50_and_forwarding_at_threshold_with_region_counts(pcast: Any, open_petition: Petition) -> None:
    from tyndau.authorities.models import Region

    other = Region.objects.exclude(pk=pcast.region.pk).first()
    sign_confirmed(open_petition, 49, region=pcast.region)
    services.recount_signatures()
    open_petition.refresh_from_db()
    assert open_petition.signature_count == 49 and open_petition.listed_at is None

    sign_confirmed(open_petition, 1, region=other, start=49)
    services.recount_signatures()
    open_petition.refresh_from_db()
    assert open_petition.signature_count == 50 and open_petition.listed_at is not None
    assert open_petition.status == Status.OPEN
    counts = dict(RegionCount.objects.filter(petition=open_petition).values_list("region_id", "count"))
    assert counts == {pcast.region.pk: 49, other.pk: 1}

    sign_confirmed(open_petition, 2450, region=other, start=50)
    mail.outbox.clear()
    with time_machine.travel(dt.datetime(2026, 6, 1, 5, 0, tzinfo=dt.UTC)):
        services.recount_signatures()
    open_petition.refresh_from_db()
    assert open_petition.status == Status.FORWARDED
    assert open_petition.signature_count == 2500
    assert open_petition.response_due == dt.date(2026, 7, 27) or open_petition.response_due > dt.date(2026, 7, 20)
    assert RegionCount.objects.get(petition=open_petition, region=other).count == 2451
    assert Event.objects.filter(action="petitions.petition.forwarded", object_id=str(open_petition.pk)).count() == 1
    # Idempotent: running the counter again changes nothing.
    services.recount_signatures(full=True)
    assert Event.objects.filter(action="petitions.petition.forwarded").count() == 1


def test_overdue_after_40_working_days(pcast: Any, open_petition: Petition) -> None:
    from tyndau.petitions import selectors

    sign_confirmed(open_petition, 2500)
    with time_machine.travel(dt.datetime(2026, 6, 1, 5, 0, tzinfo=dt.UTC)):
        services.recount_signatures()
        open_petition.refresh_from_db()
        assert not open_petition.is_overdue
    with time_machine.travel(dt.datetime(2026, 9, 1, 5, 0, tzinfo=dt.UTC)):
        assert open_petition.is_overdue
        assert selectors.overdue_count(body_id=pcast.body_a.pk) == 1


def test_response_by_official_of_the_body_only(pcast: Any, open_petition: Petition, grounds: dict[str, Any]) -> None:
    _force(open_petition, Status.FORWARDED)
    with pytest.raises(PermissionDenied):
        services.petition_respond(actor=pcast.official_b, petition=open_petition, outcome="granted", text="x" * 60)
    with pytest.raises(PetitionError):
        services.petition_respond(actor=pcast.official_a, petition=open_petition, outcome="refused", text="x" * 60)
    services.petition_respond(
        actor=pcast.official_a,
        petition=open_petition,
        outcome="refused",
        text="x" * 60,
        ground=grounds["petitions.not-competent"],
    )
    open_petition.refresh_from_db()
    assert open_petition.status == Status.RESPONDED


def test_signers_who_opted_in_are_emailed_on_response(
    pcast: Any, open_petition: Petition, django_capture_on_commit_callbacks: Any
) -> None:
    from tyndau.petitions.models import Signature

    from .conftest import make_iin

    for i, opted in enumerate([True, False, True]):
        sig = services.signature_create(
            petition_id=open_petition.pk,
            first_name="Айгүл",
            last_name="Серікова",
            iin=make_iin(i),
            email=f"signer{i}@example.kz",
            region_id=pcast.region.pk,
            show_name=False,
            notify_on_response=opted,
            ip="10.0.0.1",
            language="ru",
        )
        services.signature_confirm(token=services.confirmation_token(sig.pk))
    assert Signature.objects.filter(status="confirmed").count() == 3
    _force(open_petition, Status.FORWARDED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_respond(
            actor=pcast.official_a,
            petition=open_petition,
            outcome="granted",
            text="The footbridge will be built in 2027 from the town budget.",
        )
    to = sorted(a for m in mail.outbox for a in m.to)
    assert "signer0@example.kz" in to and "signer2@example.kz" in to and "signer1@example.kz" not in to


def test_close_expired_is_idempotent(pcast: Any, open_petition: Petition) -> None:
    sign_confirmed(open_petition, 10)
    assert services.close_expired_petitions() == 0
    with time_machine.travel(open_petition.closes_on + dt.timedelta(days=2)):
        assert services.close_expired_petitions() == 1
        assert services.close_expired_petitions() == 0
    open_petition.refresh_from_db()
    assert open_petition.status == Status.CLOSED and open_petition.signature_count == 10


def test_resubmit_after_rejection_makes_new_draft(pcast: Any, grounds: dict[str, Any]) -> None:
    petition = make_petition(pcast, status="moderation")
    services.petition_reject(actor=pcast.moderator, petition=petition, ground=grounds["petitions.unclear"])
    draft = services.petition_resubmit(actor=pcast.citizen, petition=petition)
    assert draft.status == Status.DRAFT and draft.resubmission_of_id == petition.pk
    petition.refresh_from_db()
    assert petition.status == Status.REJECTED


def test_draft_idempotency_key_creates_one(pcast: Any) -> None:
    import uuid

    key = uuid.uuid4()
    kwargs = {
        "actor": pcast.citizen,
        "title": "Build a footbridge",
        "request_text": "y" * 40,
        "background": "",
        "addressee": pcast.body_a,
        "idempotency_key": key,
    }
    assert services.petition_create_draft(**kwargs).pk == services.petition_create_draft(**kwargs).pk


@pytest.mark.parametrize("change", ["submit", "forward"])
def test_an_email_is_queued_in_the_transaction_of_its_change(pcast: Any, change: str) -> None:
    """ADR 0003: the e-mail row commits with the change or not at all (it was written after commit,
    so a crash in between lost it)."""
    from django.db import transaction

    from tyndau.notifications.models import OutgoingEmail

    pcast.body_a.email = "kense@body-a.example.kz"
    pcast.body_a.save(update_fields=["email"])
    petition = make_petition(pcast, status="draft" if change == "submit" else "open")
    if change == "forward":
        Petition.objects.filter(pk=petition.pk).update(signature_count=5000)

    def run() -> None:
        if change == "submit":
            services.petition_submit(actor=pcast.citizen, petition=petition)
        else:
            services.petition_forward(petition=petition)

    recipients = {pcast.citizen.email} | ({pcast.body_a.email} if change == "forward" else set())
    before = OutgoingEmail.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        run()
        queued = set(OutgoingEmail.objects.values_list("to_address", flat=True)[before:])
        assert queued == recipients  # inside the transaction, before any commit
        raise RuntimeError("the process dies before commit")
    assert OutgoingEmail.objects.count() == before  # rolled back with the change
    run()
    assert sorted(OutgoingEmail.objects.values_list("to_address", flat=True)[before:]) == sorted(recipients)


def test_only_who_acts_for_the_body_responds(pcast: Any, open_petition: Petition) -> None:
    """accounts.acts_for_body decides: an official of an abolished (inactive) body acts for no one."""
    _force(open_petition, Status.FORWARDED)
    pcast.body_a.is_active = False
    pcast.body_a.save(update_fields=["is_active"])
    with pytest.raises(PermissionDenied):
        services.petition_respond(
            actor=pcast.official_a, petition=open_petition, outcome="granted", text="We will build it in 2027."
        )
    open_petition.refresh_from_db()
    assert open_petition.status == Status.FORWARDED


def test_a_response_cites_a_petition_ground_not_an_appeal_ground(pcast: Any, open_petition: Petition) -> None:
    from tyndau.authorities.models import LegalGround

    _force(open_petition, Status.FORWARDED)
    appeal_ground = LegalGround.objects.filter(domain="appeals").first()
    with pytest.raises(PetitionError):
        services.petition_respond(
            actor=pcast.official_a, petition=open_petition, outcome="refused", text="x" * 60, ground=appeal_ground
        )
