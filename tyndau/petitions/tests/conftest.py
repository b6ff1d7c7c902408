"""Fixtures of the petitions tests: an approved petition, valid IINs, verified citizens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from tyndau.core.identity import check_digit


def make_iin(n: int, *, born: dt.date = dt.date(1990, 1, 1)) -> str:
    """The n-th valid IIN of people born on or after `born` (1900s, alternating sex)."""
    k = 0
    while True:
        day = born + dt.timedelta(days=(n + k) // 900)
        serial = 1000 + (n + k) % 900 * 9
        century = 3 if day.year < 2000 else 5
        first = f"{day:%y%m%d}{century + (n % 2)}{serial:04d}"
        digit = check_digit(first)
        if digit is not None:
            return first + str(digit)
        k += 900 * 400  # another day, same serial pattern


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    from tyndau.petitions.selectors import forget_regions
    from tyndau.petitions.surge import forget_shared_pages

    cache.clear()
    forget_regions()  # a rolled-back test's regions must not stay valid in the next one
    forget_shared_pages()
    yield
    cache.clear()
    forget_regions()
    forget_shared_pages()


@pytest.fixture
def grounds(db: Any) -> dict[str, Any]:
    from tyndau.authorities.models import LegalGround

    return {g.code: g for g in LegalGround.objects.filter(domain="petitions")}


@pytest.fixture
def pcast(cast: Any) -> Any:
    """The cast, with body A a district town over 50,000 (threshold 2,500)."""
    cast.body_a.population = 60_000
    cast.body_a.save(update_fields=["population"])
    return cast


def make_petition(cast: Any, *, status: str = "draft", title: str = "Build a footbridge over the river") -> Any:
    from tyndau.petitions import services

    petition = services.petition_create_draft(
        actor=cast.citizen,
        title=title,
        request_text="Please build a safe footbridge near school 12. " * 2,
        background="Children cross the highway every day.",
        addressee=cast.body_a,
    )
    if status == "draft":
        return petition
    services.petition_submit(actor=cast.citizen, petition=petition)
    if status == "moderation":
        return petition
    services.petition_approve(actor=cast.moderator, petition=petition)
    petition.refresh_from_db()
    return petition


@pytest.fixture
def open_petition(pcast: Any) -> Any:
    return make_petition(pcast, status="open")


def verify_citizen(user: Any, iin: str, region: Any = None) -> Any:
    from tyndau.accounts.models import CitizenProfile, IdentityVerification, VerificationLevel
    from tyndau.core.pii import encrypt, iin_hash

    CitizenProfile.objects.update_or_create(
        user=user, defaults={"iin_hash": iin_hash(iin), "iin_encrypted": encrypt(iin), "region": region}
    )
    IdentityVerification.objects.create(user=user, method="demo", level=VerificationLevel.DEMO, iin_hash=iin_hash(iin))
    cache.clear()
    return user


def sign_confirmed(petition: Any, n: int, *, region: Any = None, start: int = 0) -> None:
    """Bulk-insert n confirmed signatures (test data; the services path is tested separately)."""
    from django.utils import timezone

    from tyndau.core.pii import iin_hash
    from tyndau.petitions.models import Signature

    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            iin_hash=iin_hash(make_iin(start + i)),
            status="confirmed",
            confirmed_at=now,
            region=region,
            email_domain="example.kz",
        )
        for i in range(n)
    )


def sign_by_email(petition: Any, n: int, *, email: str, **overrides: Any) -> Any:
    """An e-mail-path signature through the service with the n-th IIN; None when the IIN is held."""
    from tyndau.petitions import services

    arguments: dict[str, Any] = {
        "petition_id": petition.pk,
        "first_name": "Бөтен",
        "last_name": "Адам",
        "iin": make_iin(n),
        "email": email,
        "region_id": None,
        "show_name": False,
        "notify_on_response": False,
        "ip": None,
        "language": "kk",
    }
    return services.signature_create(**{**arguments, **overrides})
