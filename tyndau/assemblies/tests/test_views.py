"""The pages: the organiser's form keeps what was typed and names the earliest on-time date; a double
submit makes one request; another akimat's official gets 404; the public pages show no personal data."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

from tyndau.assemblies import services
from tyndau.assemblies.models import Assembly, Status
from tyndau.assemblies.tests.conftest import EVENT_DAY, at

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(cast: Any, day: str, key: str | None = None) -> dict[str, Any]:
    return {
        "form": "rally",
        "akimat": cast.body_a.pk,
        "purpose": "Clean air",
        "place_kind": "other",
        "place_description": "Central square",
        "date": day,
        "start_time": "11:00",
        "end_time": "13:00",
        "expected_participants": "200",
        "steward_name": "Steward Person",
        "steward_phone": "+7 701 765 43 21",
        "idempotency_key": key or str(uuid.uuid4()),
    }


def test_too_early_date_is_explained_and_nothing_typed_is_lost(at_wednesday: Any, cast: Any, organiser: Any) -> None:
    response = _client(organiser).post("/ru/assemblies/new/", _post(cast, "2026-03-05"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "12 марта 2026" in text and "Central square" in text
    assert not Assembly.objects.exists()


def test_double_submit_makes_one_request_and_a_receipt(at_wednesday: Any, cast: Any, organiser: Any) -> None:
    client = _client(organiser)
    data = _post(cast, EVENT_DAY.isoformat())
    first = client.post("/en/assemblies/new/", data)
    second = client.post("/en/assemblies/new/", data)
    assembly = Assembly.objects.get()
    assert first["Location"] == second["Location"] == f"/en/assemblies/a/{assembly.number}/receipt/"
    receipt = client.get(first["Location"]).content.decode()
    assert assembly.reply_due == dt.date(2026, 3, 10)  # across the 9 March day off
    with translation.override("en"):
        assert assembly.number in receipt and date_format(assembly.reply_due) in receipt


def test_another_akimats_official_gets_404(at_wednesday: Any, cast: Any, notify: Any) -> None:
    assembly = notify()
    for url in (f"/en/assemblies/a/{assembly.number}/", f"/en/assemblies/a/{assembly.number}/accept/"):
        assert _client(cast.official_b).get(url).status_code == 404
        assert _client(cast.official_a).get(url).status_code == 200
    assert _client(cast.official_b).get(f"/en/assemblies/queue/{cast.body_a.pk}/").status_code == 404


def test_queue_is_ordered_by_reply_deadline_then_date(
    at_wednesday: Any, cast: Any, notify: Any, organiser: Any
) -> None:
    import time_machine

    late = notify(starts_at=at(EVENT_DAY, 15), ends_at=at(EVENT_DAY, 16))
    with time_machine.travel(at(EVENT_DAY.replace(day=5), 10), tick=False):
        later_reply = notify()
    early = notify(starts_at=at(EVENT_DAY, 9), ends_at=at(EVENT_DAY, 10))
    page = _client(cast.official_a).get(f"/en/assemblies/queue/{cast.body_a.pk}/").content.decode()
    positions = [page.index(a.number) for a in (early, late, later_reply)]
    assert positions == sorted(positions)


def test_public_pages_show_no_personal_data(at_wednesday: Any, cast: Any, notify: Any, grounds: Any) -> None:
    assembly = notify()
    services.assembly_refuse(
        actor=cast.official_a, assembly=assembly, grounds=[grounds["assemblies.threat-to-safety"]], reasons="Why."
    )
    client = Client()
    for url in ("/en/assemblies/register/", f"/en/assemblies/register/{assembly.number}/"):
        text = client.get(url).content.decode()
        assert assembly.number in text
        for secret in ("Steward Person", "7017654321", cast.citizen.email, cast.citizen.last_name):
            assert secret not in text
    detail = client.get(f"/en/assemblies/register/{assembly.number}/").content.decode()
    assert "Refused" in detail and "Art. 14" in detail
    api = client.get("/api/v1/assemblies/register").json()
    assert api[0]["number"] == assembly.number and "steward_phone" not in api[0]
    assert client.get("/api/v1/assemblies/register?before=0").status_code == 422


def test_organiser_declines_a_proposal_from_the_page(at_wednesday: Any, cast: Any, notify: Any, organiser: Any) -> None:
    assembly = notify()
    services.assembly_propose_alternative(
        actor=cast.official_a,
        assembly=assembly,
        place_description="Park",
        starts_at=at(EVENT_DAY, 15),
        ends_at=at(EVENT_DAY, 17),
        reasons="Repairs.",
    )
    client = _client(organiser)
    response = client.post(f"/en/assemblies/a/{assembly.number}/alternative/", {"answer": "decline"}, follow=True)
    assert "You declined the proposal" in response.content.decode()
    assembly.refresh_from_db()
    assert assembly.status == Status.SUBMITTED


def test_control_characters_typed_into_the_request_are_dropped(at_wednesday: Any, cast: Any, organiser: Any) -> None:
    """The purpose and place are published: an escape sequence or a bell typed there must not reach the
    public record, the calendar feed or an export (the form used plain CharFields before)."""
    data = _post(cast, EVENT_DAY.isoformat())
    data.update(purpose="Clean\x1b[31m air\x07", place_description="Central\x0b square", steward_name="Ste\x08ward")
    assert _client(organiser).post("/en/assemblies/new/", data).status_code == 302
    assembly = Assembly.objects.get()
    assert (assembly.purpose, assembly.place_description) == ("Clean[31m air", "Central square")
