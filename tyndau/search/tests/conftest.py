"""Rows for the search: listed and hidden petitions, published and private appeals."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.utils import timezone

from tyndau.authorities.models import Category, LegalGround
from tyndau.core.calendar import KZ_TZ

SECRET_PHONE = "+77011234567"
SECRET_ADDRESS = "Abai avenue 10, flat 5"


def make_petition(cast: Any, *, title: str, text: str = "Please act.", listed: bool = True, **fields: Any) -> Any:
    from tyndau.petitions.models import Petition, Status

    fields.setdefault("status", Status.OPEN)
    return Petition.objects.create(
        title=title,
        request_text=text,
        addressee=cast.body_a,
        creator=cast.citizen,
        submitted_at=dt.datetime(2026, 3, 3, 11, 0, tzinfo=KZ_TZ),
        listed_at=timezone.now() if listed else None,
        threshold=2500,
        **fields,
    )


@pytest.fixture
def category(db: Any) -> Category:
    found, _ = Category.objects.get_or_create(
        slug="test-search", defaults={"name_kk": "Жарық", "name_ru": "Освещение", "name_en": "Lighting"}
    )
    return found


@pytest.fixture
def file_appeal(cast: Any, category: Category) -> Any:
    from tyndau.appeals import services

    def file(subject: str, text: str, *, publish: bool) -> Any:
        return services.appeal_file(
            actor=cast.citizen,
            idempotency_key=uuid.uuid4(),
            kind="application",
            region=cast.region,
            category=category,
            body=cast.body_a,
            subject=subject,
            text=f"{text} Call {SECRET_PHONE}.",
            contact_phone=SECRET_PHONE,
            address=SECRET_ADDRESS,
            publish_consent=publish,
        )

    return file


@pytest.fixture
def offensive_ground(db: Any) -> LegalGround:
    ground = LegalGround.objects.filter(domain="petitions", is_public=False).first()
    if ground is None:
        ground = LegalGround.objects.create(
            code="test-offensive",
            domain="petitions",
            law="Test law",
            article="Art. 1",
            text_kk="Қорлайтын мәтін",
            text_ru="Оскорбительный текст",
            text_en="Offensive text",
            is_public=False,
        )
    return ground
