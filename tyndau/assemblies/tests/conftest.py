from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import time_machine

from tyndau.authorities.models import LegalGround, PublicBody
from tyndau.core.calendar import KZ_TZ

# Wednesday 4 March 2026, 10:00 in Astana. Monday 9 March is a day off (8 March falls on a Sunday).
WEDNESDAY = dt.datetime(2026, 3, 4, 10, 0, tzinfo=KZ_TZ)
# Far enough ahead for every form: Monday 23 March 2026.
EVENT_DAY = dt.date(2026, 3, 23)


def valid_iin(prefix: str) -> str:
    """A made-up IIN with a valid checksum (domain-rules.md, "Identity numbers")."""
    digits = [int(c) for c in prefix]
    for weights in (range(1, 12), [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return prefix + str(check)
    raise ValueError(prefix)


def verify(user: Any, iin: str) -> Any:
    from tyndau.accounts.models import ConsentSource, VerificationLevel, VerificationMethod
    from tyndau.accounts.services import identity_verification_record, profile_update

    profile_update(
        actor=user, user=user, iin=iin, phone="", address="", region=None, consent_source=ConsentSource.PROFILE_FORM
    )
    identity_verification_record(
        actor=None, user=user, method=VerificationMethod.DEMO, level=VerificationLevel.DEMO, reference="test"
    )
    return user


@pytest.fixture
def organiser(cast: Any) -> Any:
    return verify(cast.citizen, valid_iin("85031540001"))


@pytest.fixture
def at_wednesday() -> Any:
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        yield traveller


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=KZ_TZ)


@pytest.fixture
def notify(cast: Any, organiser: Any) -> Any:
    def _notify(**extra: Any) -> Any:
        from tyndau.assemblies.services import assembly_notify

        fields: dict[str, Any] = {
            "actor": organiser,
            "idempotency_key": uuid.uuid4(),
            "form": "rally",
            "akimat": cast.body_a,
            "purpose": "For clean air in the city",
            "place_description": "Central square",
            "starts_at": at(EVENT_DAY, 11),
            "ends_at": at(EVENT_DAY, 13),
            "expected_participants": 200,
            "steward_name": "Steward Person",
            "steward_phone": "+77017654321",
        }
        fields.update(extra)
        return assembly_notify(**fields)

    return _notify


@pytest.fixture
def grounds(db: Any) -> dict[str, LegalGround]:
    return {g.code: g for g in LegalGround.objects.filter(domain=LegalGround.Domain.ASSEMBLIES)}


def make_maslikhat(cast: Any, slug: str, akimat: PublicBody) -> PublicBody:
    """A maslikhat beside `akimat` (its twin by slug: "<key>-akimat" ↔ "<key>-maslikhat")."""
    return PublicBody.objects.create(
        slug=slug,
        kind=PublicBody.Kind.MASLIHAT,
        level=akimat.level,
        region=cast.region,
        name_kk="Мәслихат",
        name_ru="Маслихат",
        name_en="Maslikhat",
    )
