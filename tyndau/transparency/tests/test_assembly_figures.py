"""Peaceful-assembly figures per akimat: every figure of a small constructed dataset, known by hand.

All registered on Wednesday 4 March 2026 (Monday 9 March is a day off). Akimat A:
  R1 rally accepted on 5 March (1 WD); R2 rally accepted with conditions on 6 March (2 WD);
  R3 rally refused on 5 March (1 WD, ground "public order"); R4 rally: a proposal on 5 March,
  accepted by the organiser (1 WD); R5 rally: a proposal on 5 March, declined, then refused on
  11 March citing "place already taken" (4 WD); R6 rally unanswered, the sweep on 11 March holds it as
  notified; M1 march (application, 7 WD) unanswered, the sweep on 17 March records it.
Akimat B: R7 rally accepted on 10 March (3 WD).
Median working days, akimat A: 1, 1, 1, 2, 4 → 1; all akimats: 1, 1, 1, 2, 3, 4 → 1.5.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache

from tests.harness.site import personal_data
from tyndau.assemblies import services
from tyndau.assemblies.tests.conftest import EVENT_DAY, WEDNESDAY, at, valid_iin, verify
from tyndau.authorities.models import LegalGround
from tyndau.core.calendar import KZ_TZ
from tyndau.transparency.exports import COLUMNS
from tyndau.transparency.selectors.assemblies import assembly_figures
from tyndau.transparency.selectors.period import Period

pytestmark = pytest.mark.django_db

API = "/api/v1/transparency"
MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
PURPOSE = "For clean air near Серікова's house"


def _day(day: int, hour: int = 11) -> Any:
    import datetime as dt

    return dt.datetime(2026, 3, day, hour, 0, tzinfo=KZ_TZ)


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def assemblies(cast: Any) -> dict[str, Any]:
    organiser = verify(cast.citizen, valid_iin("85031540001"))
    grounds = {g.code: g for g in LegalGround.objects.filter(domain=LegalGround.Domain.ASSEMBLIES)}
    refuse_ground = next(g for code, g in grounds.items() if code != "assemblies.place-already-taken")
    made: dict[str, Any] = {}

    def notify(name: str, body: Any, form: str = "rally") -> None:
        made[name] = services.assembly_notify(
            actor=organiser,
            idempotency_key=uuid.uuid4(),
            form=form,
            akimat=body,
            purpose=PURPOSE,
            place_description="Central square",
            starts_at=at(EVENT_DAY, 11),
            ends_at=at(EVENT_DAY, 13),
            expected_participants=100,
            steward_name="Steward Person",
            steward_phone="+77017654321",
        )

    def propose(name: str) -> None:
        services.assembly_propose_alternative(
            actor=cast.official_a,
            assembly=made[name],
            place_description="Park",
            starts_at=at(EVENT_DAY, 11),
            ends_at=at(EVENT_DAY, 13),
            reasons="Another event",
        )

    with time_machine.travel(WEDNESDAY, tick=False) as clock:
        for name in ("R1", "R2", "R3", "R4", "R5", "R6"):
            notify(name, cast.body_a)
        notify("M1", cast.body_a, form="march")
        notify("R7", cast.body_b)
        clock.move_to(_day(5))
        services.assembly_accept(actor=cast.official_a, assembly=made["R1"])
        services.assembly_refuse(actor=cast.official_a, assembly=made["R3"], grounds=[refuse_ground], reasons="Why")
        propose("R4")
        propose("R5")
        services.alternative_accept(actor=organiser, assembly=made["R4"])
        services.alternative_decline(actor=organiser, assembly=made["R5"])
        clock.move_to(_day(6))
        services.assembly_accept_with_conditions(
            actor=cast.official_a, assembly=made["R2"], conditions=["no_sound"], reasons="Hospital nearby"
        )
        clock.move_to(_day(10))
        services.assembly_accept(actor=cast.official_b, assembly=made["R7"])
        clock.move_to(_day(11))
        services.assembly_refuse(
            actor=cast.official_a,
            assembly=made["R5"],
            grounds=[grounds["assemblies.place-already-taken"]],
            reasons="Taken",
        )
        services.sweep_assembly_deadlines()
        clock.move_to(_day(17))
        services.sweep_assembly_deadlines()
    return {"made": made, "refuse_ground": refuse_ground, "cast": cast}


def test_figures_per_akimat(assemblies: Any) -> None:
    cast = assemblies["cast"]
    data = assembly_figures(period=Period(date_from=_day(1).date(), date_to=_day(31).date()))
    rows = {row["body"]: row for row in data["akimats"]}
    a = rows[cast.body_a.slug]
    assert (a["received"], a["notifications"], a["applications"]) == (7, 6, 1)
    assert (a["accepted"], a["accepted_with_conditions"], a["refused"]) == (1, 1, 2)
    assert (a["alternatives_proposed"], a["alternatives_accepted"]) == (2, 1)
    assert (a["held_as_notified"], a["unanswered"], a["stopped"]) == (1, 1, 0)
    assert a["median_reply_working_days"] == 1
    assert {g["ground"]: g["refused"] for g in a["refused_by_ground"]} == {
        assemblies["refuse_ground"].code: 1,
        "assemblies.place-already-taken": 1,
    }
    b = rows[cast.body_b.slug]
    assert (b["received"], b["accepted"], b["median_reply_working_days"]) == (1, 1, 3)
    assert data["total"]["received"] == 8
    assert data["total"]["median_reply_working_days"] == 1.5


def test_period_excludes_other_registrations(assemblies: Any) -> None:
    data = assembly_figures(period=Period(date_from=_day(5).date(), date_to=_day(31).date()))
    assert data["akimats"] == [] and data["total"]["received"] == 0


def test_json_csv_and_schema(assemblies: Any, client: Any) -> None:
    cast = assemblies["cast"]
    rows = client.get(f"{API}/assemblies", MARCH).json()
    assert {r["body"] for r in rows} == {cast.body_a.slug, cast.body_b.slug}
    assert {tuple(r) for r in rows} == {COLUMNS["assemblies"]}
    response = client.get(f"{API}/assemblies.csv", MARCH)
    assert response["Content-Type"].startswith("text/csv")
    parsed = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(parsed[0]) == COLUMNS["assemblies"]
    grounds = client.get(f"{API}/assembly_grounds", MARCH).json()
    assert sum(r["refused"] for r in grounds) == 2
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("assemblies", "assemblies.csv", "assembly_grounds", "assembly_grounds.csv"):
        assert f"/api/v1/transparency/{path}" in schema["paths"]


def test_no_personal_data_anywhere(assemblies: Any, client: Any) -> None:
    cast = assemblies["cast"]
    forbidden = personal_data()
    forbidden.update({cast.citizen.email: "e-mail", PURPOSE: "purpose", "Steward Person": "steward"})
    forbidden.update({a.number: "number" for a in assemblies["made"].values()})
    pages = [
        client.get("/en/transparency/assemblies/", MARCH).content.decode(),
        client.get(f"{API}/assemblies", MARCH).content.decode(),
        client.get(f"{API}/assemblies.csv", MARCH).content.decode(),
        client.get(f"{API}/assembly_grounds.csv", MARCH).content.decode(),
    ]
    for text in pages:
        for value, what in forbidden.items():
            assert value not in text, what


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_dashboard_page(assemblies: Any, client: Any, lang: str) -> None:
    response = client.get(f"/{lang}/transparency/assemblies/", MARCH)
    assert response.status_code == 200
    text = response.content.decode()
    assert "transparency-bar--w" in text and "<table" in text
    assert assemblies["cast"].body_a.slug in text
