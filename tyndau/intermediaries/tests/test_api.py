"""The API: a citizen's consents, an intermediary's cases with answers only where allowed, 403 for others."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.cast import PASSWORD
from tyndau.intermediaries import services
from tyndau.intermediaries.tests.conftest import CITIZEN_IIN, code_from_outbox

pytestmark = pytest.mark.django_db


def _filed(helper: Any, cast: Any, category: Any, *, share: bool) -> Any:
    from django.utils import timezone

    from tyndau.appeals.models import Answer

    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email", share_answers=share)
    services.consent_confirm(actor=helper, consent=consent, code=code_from_outbox())
    appeal = services.appeal_file_for(
        actor=helper,
        consent=consent,
        idempotency_key=uuid.uuid4(),
        kind="application",
        region=cast.region,
        category=category,
        body=cast.body_a,
        subject="Broken streetlight",
        text="The streetlight on our street has been broken for a month.",
    )
    Answer.objects.create(
        appeal=appeal,
        outcome="satisfied",
        text="Repaired on Monday.",
        answered_by=cast.official_a,
        body=cast.body_a,
        created_at=timezone.now(),
    )
    return consent


@pytest.mark.parametrize("share", [True, False])
def test_helped_shows_answers_only_with_permission(
    client: Any, cast: Any, helper: Any, citizen: Any, category: Any, share: bool
) -> None:
    _filed(helper, cast, category, share=share)
    client.login(email=helper.email, password=PASSWORD)
    body = client.get("/api/v1/intermediaries/helped").json()
    case = body[0]["cases"][0]
    assert body[0]["sees_answers"] is share
    assert (case["answer_text"] == "Repaired on Monday.") is share
    text = str(body)
    assert "citizen@example.kz" not in text and CITIZEN_IIN not in text and "Серікова" not in text


def test_given_lists_the_citizens_consents_and_others_are_refused(
    client: Any, cast: Any, helper: Any, citizen: Any, category: Any
) -> None:
    consent = _filed(helper, cast, category, share=False)
    client.login(email=citizen.email, password=PASSWORD)
    given = client.get("/api/v1/intermediaries/given").json()
    assert [g["ref"] for g in given] == [str(consent.ref)]
    assert given[0]["organisation"] and given[0]["cases"] == 1 and "helper" not in str(given)
    assert client.get("/api/v1/intermediaries/helped").status_code == 403
    client.logout()
    client.login(email=cast.other_citizen.email, password=PASSWORD)
    assert client.get("/api/v1/intermediaries/given").json() == []
    client.logout()
    assert client.get("/api/v1/intermediaries/given").status_code == 401
