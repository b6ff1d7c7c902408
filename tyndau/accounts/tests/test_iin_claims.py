"""Who holds an IIN (issue 10.19, second half).

Typing an IIN on the profile is an unverified claim: the profile page answers the same whatever other
accounts hold, so it tells nobody whether an IIN is registered. Identity verification settles it: a
citizen who completes it takes the IIN from any *unverified* holder (who loses it, is told by e-mail, and
the audit log records it), while an IIN held by a *verified* account stays refused. The database keeps
the IIN unique among verified holders only (a partial unique index)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.urls import reverse
from django.utils import timezone, translation

from tyndau.accounts import selectors, services
from tyndau.accounts.errors import IinAlreadyRegistered, IinRequiredForVerification
from tyndau.accounts.models import CitizenProfile, IdentityVerification, VerificationLevel
from tyndau.accounts.tests.conftest import VALID_IIN
from tyndau.audit.models import Event
from tyndau.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def give_iin(user: Any, iin: str = VALID_IIN) -> CitizenProfile:
    return services.profile_update(actor=user, user=user, iin=iin, phone="", address="", region=None)


def verify(user: Any) -> IdentityVerification:
    return services.identity_verify(actor=user, user=user, method="demo", evidence={})


def profile_of(user: Any) -> CitizenProfile:
    return CitizenProfile.objects.get(user=user)


@pytest.fixture(autouse=True)
def _demo_verifier(settings: Any) -> None:
    settings.DEBUG = True


def _post_profile(client: Any, user: Any, iin: str = VALID_IIN) -> Any:
    client.force_login(user)
    with translation.override("en"):
        url = reverse("accounts:profile")
    data = {"iin": iin, "phone": "", "address": "", "consent": "on"}
    return client.post(url, data, follow=True)


def test_profile_page_answers_the_same_whoever_holds_the_iin(client: Any, cast: Any) -> None:
    """Free, held unverified, held verified: the same page, no word about another account."""
    answers = []
    answers.append(_post_profile(client, cast.citizen))  # free
    answers.append(_post_profile(client, cast.other_citizen))  # held by an unverified account
    verify(cast.citizen)
    third = cast.official_a  # any account may claim; a verified holder exists now
    answers.append(_post_profile(client, third))
    for response in answers:
        page = response.content.decode()
        assert response.redirect_chain and response.status_code == 200
        assert "Your profile is saved." in page
        assert "another account" not in page and 'id="id_iin_error"' not in page
    holders = CitizenProfile.objects.filter(iin_hash=profile_of(cast.citizen).iin_hash)
    assert sorted(p.user_id for p in holders) == sorted([cast.citizen.pk, third.pk])  # the verification took it


def test_verification_takes_the_iin_from_an_unverified_holder(
    cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    squatter, owner = cast.other_citizen, cast.citizen
    squatter.preferred_language = "ru"
    squatter.save(update_fields=["preferred_language"])
    give_iin(squatter)
    give_iin(owner)
    with django_capture_on_commit_callbacks(execute=False):
        verify(owner)
    assert selectors.is_verified_citizen(owner)
    lost = profile_of(squatter)
    assert lost.iin_hash is None and lost.iin_encrypted == "" and not lost.has_iin
    assert profile_of(owner).iin_verified_at is not None
    # The holder who lost it is told, in their language, without the number.
    letter = OutgoingEmail.objects.get(to_address=squatter.email)
    assert "ИИН" in letter.subject + letter.body
    assert VALID_IIN not in letter.body and VALID_IIN[6:] not in letter.body
    # The audit log records it, with no personal data.
    event = Event.objects.get(action="accounts.iin.released")
    assert event.payload["to_user"] == owner.pk and event.payload["from_user"] == squatter.pk
    assert VALID_IIN not in str(event.payload) and lost.pk == event.payload["profile_id"]
    # The one who lost it cannot verify without an IIN, and a new unverified claim cannot win it back.
    with pytest.raises(IinRequiredForVerification):
        verify(squatter)
    give_iin(squatter)
    with pytest.raises(IinAlreadyRegistered):
        verify(squatter)
    assert not selectors.is_verified_citizen(squatter) and selectors.is_verified_citizen(owner)


def test_an_iin_held_by_a_verified_account_stays_refused(client: Any, cast: Any) -> None:
    give_iin(cast.citizen)
    verify(cast.citizen)
    give_iin(cast.other_citizen)  # the claim is stored, unverified
    events = Event.objects.count()
    with pytest.raises(IinAlreadyRegistered):
        verify(cast.other_citizen)
    assert Event.objects.count() == events  # nothing recorded: the verification did not happen
    assert not IdentityVerification.objects.filter(user=cast.other_citizen, level__gte=VerificationLevel.DEMO).exists()
    assert profile_of(cast.citizen).iin_verified_at is not None and selectors.is_verified_citizen(cast.citizen)
    assert profile_of(cast.other_citizen).has_iin  # nobody loses anything to a refused attempt
    # On the page: the refusal is said (to a person the verifier vouched for), no 500.
    client.force_login(cast.other_citizen)
    with translation.override("en"):
        response = client.post(reverse("accounts:verify_identity", args=["demo"]), follow=True)
        message = str(IinAlreadyRegistered.default_message)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_double_submitted_verification_records_once(client: Any, cast: Any) -> None:
    give_iin(cast.other_citizen)
    give_iin(cast.citizen)
    client.force_login(cast.citizen)
    with translation.override("en"):
        url = reverse("accounts:verify_identity", args=["demo"])
    for _ in range(2):
        assert client.post(url).status_code == 302
    assert IdentityVerification.objects.filter(user=cast.citizen, level=VerificationLevel.DEMO).count() == 1
    assert Event.objects.filter(action="accounts.identity.verified").count() == 1
    assert Event.objects.filter(action="accounts.iin.released").count() == 1
    assert OutgoingEmail.objects.filter(to_address=cast.other_citizen.email).count() == 1
    assert selectors.is_verified_citizen(cast.citizen)


def test_database_keeps_the_iin_unique_among_verified_holders_only(cast: Any) -> None:
    first, second = give_iin(cast.citizen), give_iin(cast.other_citizen)
    assert first.iin_hash == second.iin_hash  # two unverified claims may coexist
    CitizenProfile.objects.filter(pk=first.pk).update(iin_verified_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        CitizenProfile.objects.filter(pk=second.pk).update(iin_verified_at=timezone.now())


def test_a_race_lost_at_the_index_is_the_same_refusal(cast: Any, monkeypatch: Any) -> None:
    """Two verifications that both read "no verified holder": the second write meets the index."""
    from tyndau.accounts.services import people

    give_iin(cast.citizen)
    give_iin(cast.other_citizen)
    real = people._lock_holders

    def blind(user: Any, digest: str) -> Any:  # as if the other verification had not committed yet
        return [p for p in real(user, digest) if p.user_id == user.pk]

    verify(cast.citizen)
    CitizenProfile.objects.filter(user=cast.other_citizen).update(iin_hash=profile_of(cast.citizen).iin_hash)
    monkeypatch.setattr(people, "_lock_holders", blind)
    with pytest.raises(IinAlreadyRegistered):
        verify(cast.other_citizen)
    assert not selectors.is_verified_citizen(cast.other_citizen) and selectors.is_verified_citizen(cast.citizen)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_verifications_of_one_iin_leave_one_verified_holder(cast: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs PostgreSQL (CI runs the suite there)")
    from tests.cast import make_user
    from tyndau.accounts.models import Role

    people = [cast.citizen, cast.other_citizen] + [make_user(f"racer{i}@example.kz", Role.CITIZEN) for i in range(4)]
    for person in people:
        give_iin(person)
    barrier = threading.Barrier(len(people))
    outcomes: dict[int, str] = {}
    errors: list[BaseException] = []

    def worker(person: Any) -> None:
        try:
            barrier.wait()
            try:
                verify(person)
                outcomes[person.pk] = "verified"
            except (IinAlreadyRegistered, IinRequiredForVerification) as refused:
                outcomes[person.pk] = type(refused).__name__
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(p,)) for p in people]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors, errors
    winners = [pk for pk, outcome in outcomes.items() if outcome == "verified"]
    assert len(winners) == 1
    assert CitizenProfile.objects.filter(iin_verified_at__isnull=False).count() == 1
    holders = CitizenProfile.objects.exclude(iin_hash=None)
    assert [p.user_id for p in holders] == winners  # every unverified holder lost it to the winner
    assert Event.objects.filter(action="accounts.iin.released").count() == len(people) - 1


def test_migration_marks_the_profiles_already_verified(cast: Any) -> None:
    """accounts.0004 marks a profile verified only for an unrevoked check of level >= DEMO bound to its IIN."""
    import importlib

    from django.apps import apps

    from tyndau.accounts.tests.conftest import OTHER_IIN

    migration = importlib.import_module("tyndau.accounts.migrations.0004_citizen_profile_iin_unique_among_verified")
    verified, email_only = give_iin(cast.citizen), give_iin(cast.other_citizen, OTHER_IIN)
    revoked = give_iin(cast.official_a, "061211600012")
    services.identity_verification_record(actor=None, user=cast.citizen, method="demo", level=VerificationLevel.DEMO)
    services.identity_verification_record(
        actor=None, user=cast.other_citizen, method="email", level=VerificationLevel.EMAIL
    )
    CitizenProfile.objects.update(iin_verified_at=None)
    IdentityVerification.objects.create(
        user=cast.official_a,
        method="demo",
        level=VerificationLevel.DEMO,
        iin_hash=revoked.iin_hash,
        revoked_at=timezone.now(),
    )
    migration.mark_verified_holders(apps, None)
    assert profile_of(cast.citizen).iin_verified_at is not None
    assert profile_of(cast.other_citizen).iin_verified_at is None and email_only.pk
    assert profile_of(cast.official_a).has_iin and profile_of(cast.official_a).iin_verified_at is None
    assert verified.pk and revoked.pk
