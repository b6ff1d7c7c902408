"""The public calendar and its iCalendar feed: upcoming only, per-city filter, Almaty time zone,
no organiser's personal data, an accepted proposal's place and time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
from django.test import Client

from tyndau.assemblies import services
from tyndau.assemblies.tests.conftest import EVENT_DAY, at

pytestmark = pytest.mark.django_db


def _events(response: Any) -> list[Any]:
    assert response["Content-Type"].startswith("text/calendar")
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_feed_has_upcoming_events_in_almaty_time(at_wednesday: Any, notify: Any, cast: Any) -> None:
    first = notify()
    withdrawn = notify(place_description="Old square")
    services.assembly_withdraw(actor=first.organiser, assembly=withdrawn)
    response = Client().get("/en/assemblies/calendar.ics")
    events = _events(response)
    assert [str(e["uid"]) for e in events] == [f"{first.number}@tyndau.kz"]
    start = events[0].decoded("dtstart")
    assert start == at(EVENT_DAY, 11) and str(start.tzinfo) == "Asia/Almaty"
    assert start.utcoffset() == dt.timedelta(hours=5)
    assert b"BEGIN:VTIMEZONE" in response.content and b"TZID:Asia/Almaty" in response.content
    assert str(events[0]["status"]) == "TENTATIVE"
    text = response.content.decode()
    for secret in ("Steward Person", "+77017654321", cast.citizen.email, cast.citizen.last_name):
        assert secret not in text


def test_per_city_filter_and_accepted_proposal(at_wednesday: Any, notify: Any, cast: Any) -> None:
    mine = notify()
    other = notify(akimat=cast.body_b)
    services.assembly_propose_alternative(
        actor=cast.official_a,
        assembly=mine,
        place_description="Riverside park",
        starts_at=at(EVENT_DAY, 15),
        ends_at=at(EVENT_DAY, 17),
        reasons="Another event",
    )
    services.alternative_accept(actor=mine.organiser, assembly=mine)
    events = _events(Client().get(f"/en/assemblies/calendar.ics?akimat={cast.body_a.pk}"))
    assert [str(e["uid"]) for e in events] == [f"{mine.number}@tyndau.kz"]
    assert str(events[0]["location"]) == "Riverside park"
    assert events[0].decoded("dtstart") == at(EVENT_DAY, 15)
    assert str(events[0]["status"]) == "CONFIRMED"
    page = Client().get(f"/kk/assemblies/calendar/?akimat={cast.body_b.pk}").content.decode()
    assert other.number in page and mine.number not in page


def test_past_events_leave_the_calendar(at_wednesday: Any, notify: Any) -> None:
    notify()
    at_wednesday.move_to(at(EVENT_DAY + dt.timedelta(days=2), 10))
    assert _events(Client().get("/en/assemblies/calendar.ics")) == []


@pytest.mark.parametrize("query", ["?akimat=abc", "?akimat=999999999999", "?akimat=-1"])
def test_bad_filter_is_not_an_error(query: str) -> None:
    assert Client().get(f"/ru/assemblies/calendar/{query}").status_code == 200
    assert Client().get(f"/ru/assemblies/calendar.ics{query}").status_code == 200
