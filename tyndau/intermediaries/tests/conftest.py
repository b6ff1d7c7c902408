from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.utils import timezone

from tests.cast import make_user
from tyndau.accounts.models import Role


def valid_iin(prefix: str = "88050140012") -> str:
    """A made-up IIN with a valid checksum (domain-rules.md, "Identity numbers")."""
    digits = [int(c) for c in prefix]
    for weights in (range(1, 12), [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return prefix + str(check)
    raise ValueError(prefix)


CITIZEN_IIN = valid_iin("88050140012")


def verify(user: Any, iin: str, phone: str = "") -> Any:
    from tyndau.accounts.models import ConsentSource, VerificationLevel, VerificationMethod
    from tyndau.accounts.services import identity_verification_record, profile_update

    profile_update(
        actor=user, user=user, iin=iin, phone=phone, address="", region=None, consent_source=ConsentSource.PROFILE_FORM
    )
    identity_verification_record(
        actor=None, user=user, method=VerificationMethod.DEMO, level=VerificationLevel.DEMO, reference="test"
    )
    return user


@pytest.fixture
def category(db: Any) -> Any:
    from tyndau.authorities.models import Category

    category, _ = Category.objects.get_or_create(
        slug="test-roads", defaults={"name_kk": "Жолдар", "name_ru": "Дороги", "name_en": "Roads"}
    )
    return category


@pytest.fixture
def association(cast: Any) -> Any:
    from tyndau.associations.models import Application, OrgForm, Status

    return Application.objects.create(
        number="OB-TEST-1",
        idempotency_key=uuid.uuid4(),
        invite_token=uuid.uuid4().hex,
        form=OrgForm.choices[0][0],
        name_kk="Көмек қоғамы",
        name_ru="Общество помощи",
        address="Astana",
        head_name="Head",
        applicant=cast.organisation,
        registering_body=cast.justice,
        status=Status.REGISTERED,
        created_at=timezone.now(),
    )


@pytest.fixture
def helper(cast: Any, association: Any) -> Any:
    from tyndau.intermediaries.services import accreditation_grant

    user = make_user("helper@example.kz", Role.CITIZEN, first_name="Көмек", last_name="Беруші")
    accreditation_grant(actor=cast.organisation, user=user, association=association)
    return user


@pytest.fixture
def citizen(cast: Any) -> Any:
    return verify(cast.citizen, CITIZEN_IIN, phone="+77011234567")


def last_mail_to(to: str = "citizen@example.kz") -> Any:
    """The newest e-mail (or SMS through the mail backend) queued in the outbox for `to`."""
    from tyndau.notifications.models import OutgoingEmail

    return OutgoingEmail.objects.filter(to_address=to).order_by("-pk").first()


def code_from_outbox(to: str = "citizen@example.kz") -> str:
    message = last_mail_to(to)
    found = re.search(r"\b(\d{6})\b", message.body) if message else None
    if found is None:
        raise AssertionError("no code sent")
    return found.group(1)
