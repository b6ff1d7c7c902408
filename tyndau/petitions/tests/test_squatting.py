"""Issue 10.2: who holds an IIN on a petition. An unconfirmed e-mail signature — anyone can type
another person's IIN — lapses after `confirmation_hours` and never blocks that person's verified
one-step signature; an invalidated signature frees its IIN; the e-mail path's answer is the same
whether or not the IIN signed (the truth goes only to the address given)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tyndau.petitions import rules, services
from tyndau.petitions.errors import AlreadySigned, ExpiredLink, InvalidLink
from tyndau.petitions.models import Petition, Signature, SignatureStatus

from .conftest import make_iin, sign_by_email, verify_citizen

pytestmark = pytest.mark.django_db

VICTIM = 7


def _by_email(petition: Petition, n: int = VICTIM, email: str = "squatter@example.kz") -> Signature | None:
    return sign_by_email(petition, n, email=email)


def _one_step(citizen: Any, petition: Petition) -> int:
    return services.signature_create_for_citizen(actor=citizen, petition_id=petition.pk)


def _later(hours: float) -> Any:
    return time_machine.travel(timezone.now() + dt.timedelta(hours=hours), tick=False)


def test_the_period_is_a_rule_with_its_reason() -> None:
    assert rules.value("confirmation_hours") == 48
    assert "48 hours" in rules.RULES["confirmation_hours"].source


def test_a_verified_citizen_replaces_an_unconfirmed_signature_with_their_iin(
    pcast: Any, open_petition: Petition
) -> None:
    squatted = _by_email(open_petition)
    assert squatted is not None
    citizen = verify_citizen(pcast.citizen, make_iin(VICTIM))
    signature_id = _one_step(citizen, open_petition)  # at once: no waiting for the lapse
    mine = Signature.objects.get(petition=open_petition, status=SignatureStatus.CONFIRMED)
    assert mine.pk == signature_id and mine.user_id == citizen.pk
    assert not Signature.objects.filter(pk=squatted.pk).exists()
    with pytest.raises(InvalidLink):  # the squatter's link no longer counts anything
        services.signature_confirm(token=services.confirmation_token(squatted.pk))


def test_the_verified_citizen_wins_through_the_page_too(client: Any, pcast: Any, open_petition: Petition) -> None:
    _by_email(open_petition)
    client.force_login(verify_citizen(pcast.citizen, make_iin(VICTIM)))
    response = client.post(reverse("petitions:sign", args=[open_petition.pk]), {})
    assert response.status_code == 302 and response["Location"].endswith(f"/petitions/{open_petition.pk}/")
    assert list(Signature.objects.values_list("status", "user_id")) == [("confirmed", pcast.citizen.pk)]


def test_a_confirmed_signature_still_holds_its_iin(pcast: Any, open_petition: Petition) -> None:
    first = _by_email(open_petition)
    assert first is not None
    services.signature_confirm(token=services.confirmation_token(first.pk))
    with pytest.raises(AlreadySigned):
        _one_step(verify_citizen(pcast.citizen, make_iin(VICTIM)), open_petition)
    assert _by_email(open_petition, email="again@example.kz") is None
    assert Signature.objects.count() == 1


def test_an_unconfirmed_signature_lapses(pcast: Any, open_petition: Petition) -> None:
    squatted = _by_email(open_petition)
    assert squatted is not None
    token = services.confirmation_token(squatted.pk)
    hours = rules.value("confirmation_hours")
    with _later(hours - 1):
        assert _by_email(open_petition, email="owner@example.kz") is None  # still held, not yet lapsed
    with _later(hours + 1):
        with pytest.raises(ExpiredLink):
            services.signature_confirm(token=token)
        own = _by_email(open_petition, email="owner@example.kz")  # the owner's own e-mail signature
        assert own is not None and own.pk != squatted.pk
        assert not Signature.objects.filter(pk=squatted.pk).exists()
        services.signature_confirm(token=services.confirmation_token(own.pk))
    assert Signature.objects.get().status == SignatureStatus.CONFIRMED


def test_a_lapsed_row_cannot_be_confirmed_even_with_a_fresh_token(open_petition: Petition) -> None:
    """The UPDATE itself checks the lapse, not only the token's age."""
    squatted = _by_email(open_petition)
    assert squatted is not None
    Signature.objects.filter(pk=squatted.pk).update(created_at=timezone.now() - dt.timedelta(hours=49))
    with pytest.raises(ExpiredLink):
        services.signature_confirm(token=services.confirmation_token(squatted.pk))
    assert Signature.objects.get().status == SignatureStatus.PENDING


def test_the_periodic_runner_deletes_lapsed_signatures_only(pcast: Any, open_petition: Petition) -> None:
    lapsed = _by_email(open_petition, n=1)
    fresh = _by_email(open_petition, n=2)
    confirmed = _by_email(open_petition, n=3)
    assert lapsed and fresh and confirmed
    services.signature_confirm(token=services.confirmation_token(confirmed.pk))
    Signature.objects.filter(pk__in=[lapsed.pk, confirmed.pk]).update(created_at=timezone.now() - dt.timedelta(days=3))
    call_command("purge_lapsed_signatures", stdout=io.StringIO())
    assert set(Signature.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert services.purge_lapsed_signatures() == 0  # idempotent


def test_the_purge_is_registered_with_the_periodic_runner() -> None:
    from tyndau.notifications.periodic import PERIODIC_COMMANDS

    assert "purge_lapsed_signatures" in {command.name for command in PERIODIC_COMMANDS}


def test_invalidation_frees_the_iin(
    pcast: Any, open_petition: Petition, django_capture_on_commit_callbacks: Any
) -> None:
    bot = _by_email(open_petition, email="bot@spam.example")
    assert bot is not None
    services.signature_confirm(token=services.confirmation_token(bot.pk))
    services.signatures_invalidate(
        actor=pcast.moderator, petition=open_petition, criteria={"domain": "spam.example"}, reason="bot farm"
    )
    with django_capture_on_commit_callbacks(execute=True):
        own = _by_email(open_petition, email="owner@example.kz")
    assert own is not None and "/confirm/" in mail.outbox[-1].body
    citizen = verify_citizen(pcast.other_citizen, make_iin(VICTIM + 1))
    _by_email(open_petition, n=VICTIM + 1, email="bot2@spam.example")
    services.signature_confirm(
        token=services.confirmation_token(Signature.objects.get(email_domain="spam.example", status="pending").pk)
    )
    services.signatures_invalidate(
        actor=pcast.moderator, petition=open_petition, criteria={"domain": "spam.example"}, reason="bot farm"
    )
    assert _one_step(citizen, open_petition)  # the verified citizen signs after the invalidation too


def test_the_same_iin_pending_twice_is_one_row_on_the_database(open_petition: Petition) -> None:
    """The partial unique index still refuses a second pending or confirmed row (the constraint, not
    only the service, holds it)."""
    from django.db import IntegrityError, transaction

    first = _by_email(open_petition)
    assert first is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(petition=open_petition, iin_hash=first.iin_hash, status=SignatureStatus.CONFIRMED)
    Signature.objects.filter(pk=first.pk).update(status=SignatureStatus.INVALIDATED)
    Signature.objects.create(petition=open_petition, iin_hash=first.iin_hash, status=SignatureStatus.CONFIRMED)
