from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import time_machine

from tyndau.authorities.models import Category, LegalGround
from tyndau.core.calendar import KZ_TZ

# A Tuesday morning in Astana with no holiday around it.
MONDAY_10AM = dt.datetime(2026, 3, 2, 10, 0, tzinfo=KZ_TZ)


@pytest.fixture
def category(db: Any) -> Category:
    category, _ = Category.objects.get_or_create(
        slug="test-roads", defaults={"name_kk": "Жолдар", "name_ru": "Дороги", "name_en": "Roads"}
    )
    return category


@pytest.fixture
def ground(db: Any) -> LegalGround:
    ground, _ = LegalGround.objects.get_or_create(
        code="test-appeal-ground",
        defaults={
            "domain": LegalGround.Domain.APPEALS,
            "law": "APPK",
            "article": "art. 89",
            "text_kk": "Негіз",
            "text_ru": "Основание",
            "text_en": "Ground",
        },
    )
    return ground


@pytest.fixture
def file_appeal(cast: Any, category: Category) -> Any:
    def _file(actor: Any = None, **extra: Any) -> Any:
        from tyndau.appeals.services import appeal_file

        fields: dict[str, Any] = {
            "actor": actor or cast.citizen,
            "idempotency_key": uuid.uuid4(),
            "kind": "application",
            "region": cast.region,
            "category": category,
            "body": cast.body_a,
            "subject": "Broken streetlight",
            "text": "The streetlight on our street has been broken for a month.",
        }
        fields.update(extra)
        return appeal_file(**fields)

    return _file


@pytest.fixture
def at_monday() -> Any:
    with time_machine.travel(MONDAY_10AM, tick=False) as traveller:
        yield traveller
