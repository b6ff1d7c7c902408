"""A small constructed dataset whose every figure is known by hand.

Appeals (registered Monday 2 March 2026, looked at on Wednesday 15 April 2026):
  body A, applications: A1 answered 4 March (satisfied), A2 answered 6 March (refused, ground g1),
     A3 answered 5 March (partly, grounds g1+g2), A4 still open (overdue now), A5 deemed refused;
  body B, proposal: A6 answered late on 1 April (explained).
E-petitions to body A (submitted March 2026): open, rejected at moderation, forwarded and overdue,
  responded on time (refused, petition ground), responded late; plus a draft that is never counted.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.core.cache import cache

from tyndau.authorities.models import Category, LegalGround
from tyndau.core.calendar import KZ_TZ

FILED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=KZ_TZ)
NOW = dt.datetime(2026, 4, 15, 12, 0, tzinfo=KZ_TZ)
SUBJECT = "Streetlight outside Серікова's house"
TEXT = "The streetlight at Abai avenue 10, flat 5 has been broken for a month. Call +7 701 123 4567."


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@dataclass
class Dataset:
    cast: Any
    g1: LegalGround
    g2: LegalGround
    petition_ground: LegalGround
    appeals: dict[str, Any]
    petitions: dict[str, Any]


def _ground(code: str, article: str) -> LegalGround:
    ground, _ = LegalGround.objects.get_or_create(
        code=code,
        defaults={
            "domain": LegalGround.Domain.APPEALS,
            "law": "APPK",
            "article": article,
            "text_kk": f"Негіз {code}",
            "text_ru": f"Основание {code}",
            "text_en": f"Ground {code}",
        },
    )
    return ground


def _petition(cast: Any, **fields: Any) -> Any:
    """A petition row in a given state (a factory: the workflow itself is tested in the petitions app)."""
    from tyndau.petitions.models import Petition

    return Petition.objects.create(
        title="Build a footbridge",
        request_text="Please build a footbridge.",
        addressee=cast.body_a,
        creator=cast.citizen,
        submitted_at=dt.datetime(2026, 3, 3, 11, 0, tzinfo=KZ_TZ),
        threshold=2500,
        **fields,
    )


@pytest.fixture
def dataset(cast: Any) -> Iterator[Dataset]:
    from tyndau.appeals import services as appeals
    from tyndau.petitions import services as petitions
    from tyndau.petitions.models import Outcome, Status

    cast.body_a.population = 60_000  # a district town: it receives petitions
    cast.body_a.save(update_fields=["population"])
    category, _ = Category.objects.get_or_create(
        slug="test-lighting", defaults={"name_kk": "Жарық", "name_ru": "Освещение", "name_en": "Lighting"}
    )
    g1, g2 = _ground("test-ground-one", "art. 89(1)"), _ground("test-ground-two", "art. 89(2)")
    petition_ground = (
        LegalGround.objects.filter(domain="petitions", is_active=True).exclude(code__contains="duplicate").first()
    )
    assert petition_ground is not None

    def file(body: Any, kind: str = "application") -> Any:
        return appeals.appeal_file(
            actor=cast.citizen,
            idempotency_key=uuid.uuid4(),
            kind=kind,
            region=cast.region,
            category=category,
            body=body,
            subject=SUBJECT,
            text=TEXT,
            contact_phone="+77011234567",
            address="Abai avenue 10",
        )

    with time_machine.travel(FILED, tick=False) as traveller:
        a = {name: file(cast.body_a) for name in ("a1", "a2", "a3", "a4", "a5")}
        a["a6"] = file(cast.body_b, kind="proposal")
        traveller.move_to(dt.datetime(2026, 3, 4, 15, 0, tzinfo=KZ_TZ))
        appeals.appeal_answer(actor=cast.official_a, appeal=a["a1"], outcome="satisfied", text="Repaired.")
        traveller.move_to(dt.datetime(2026, 3, 5, 15, 0, tzinfo=KZ_TZ))
        appeals.appeal_answer(
            actor=cast.official_a, appeal=a["a3"], outcome="partly", text="In part.", legal_grounds=[g1, g2]
        )
        traveller.move_to(dt.datetime(2026, 3, 6, 15, 0, tzinfo=KZ_TZ))
        appeals.appeal_answer(actor=cast.official_a, appeal=a["a2"], outcome="refused", text="No.", legal_grounds=[g1])
        traveller.move_to(dt.datetime(2026, 4, 1, 9, 0, tzinfo=KZ_TZ))
        appeals.appeal_answer(actor=cast.official_b, appeal=a["a6"], outcome="explained", text="Late answer.")
        appeals.appeal_deem_refused(appeal=a["a5"])

        traveller.move_to(dt.datetime(2026, 3, 3, 11, 0, tzinfo=KZ_TZ))
        p: dict[str, Any] = {}
        for name in ("open", "rejected"):
            draft = petitions.petition_create_draft(
                actor=cast.citizen,
                title=f"Footbridge {name}",
                request_text="Please build a footbridge. " * 3,
                background="",
                addressee=cast.body_a,
            )
            p[name] = petitions.petition_submit(actor=cast.citizen, petition=draft)
        petitions.petition_approve(actor=cast.moderator, petition=p["open"])
        petitions.petition_reject(actor=cast.moderator, petition=p["rejected"], ground=petition_ground)
        p["draft"] = petitions.petition_create_draft(
            actor=cast.citizen,
            title="Footbridge draft",
            request_text="Please build a footbridge. " * 3,
            background="",
            addressee=cast.body_a,
        )
        p["overdue"] = _petition(cast, status=Status.FORWARDED, signature_count=2600, response_due=dt.date(2026, 4, 10))
        p["on_time"] = _petition(
            cast,
            status=Status.RESPONDED,
            signature_count=2700,
            response_due=dt.date(2026, 4, 10),
            responded_at=dt.datetime(2026, 4, 10, 18, 0, tzinfo=KZ_TZ),
            response_outcome=Outcome.REFUSED,
            response_text="No.",
            response_ground=petition_ground,
        )
        p["late"] = _petition(
            cast,
            status=Status.RESPONDED,
            signature_count=2800,
            response_due=dt.date(2026, 4, 10),
            responded_at=dt.datetime(2026, 4, 11, 9, 0, tzinfo=KZ_TZ),
            response_outcome=Outcome.GRANTED,
            response_text="Yes.",
        )
    # The clock runs from "now" on (a frozen clock would stall the browser tests' waits).
    with time_machine.travel(NOW, tick=True):
        cache.clear()
        yield Dataset(cast=cast, g1=g1, g2=g2, petition_ground=petition_ground, appeals=a, petitions=p)
