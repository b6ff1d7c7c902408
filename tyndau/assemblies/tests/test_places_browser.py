"""The maslikhat's register of specialised places through the pages in Chromium (Playwright) — Kazakh and
English without JavaScript, Russian with it: the editor starts from the cabinet, enters a place (a point
outside Kazakhstan and hours that end before they start are explained, and what was typed is kept),
records a new version with its own decision, and the public register shows the current version."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cast import make_user
from tyndau.accounts.models import Membership, Role
from tyndau.assemblies.models import PlaceVersion, SpecialisedPlace
from tyndau.assemblies.tests.conftest import make_maslikhat

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

FIELDS = {
    "name_kk": "Орталық алаң",
    "name_ru": "Центральная площадь",
    "public_address": "Астана қ., Бейбітшілік к-сі, 1",
    "latitude": "51.160000",
    "longitude": "2.350000",  # Paris: refused
    "capacity": "300",
    "hours_from": "09:00",
    "hours_until": "08:00",  # before they start: refused
    "decision_number": "12/45-VII",
    "decision_date": "2024-03-15",
    "decision_url": "https://example.kz/d/1",
}


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_enter_and_change_a_place_from_the_cabinet(
    new_context: Any, shared_live_server: Any, cast: Any, lang: str, javascript: bool
) -> None:
    cast.body_a.slug = "testcity-akimat"  # the maslikhat's twin akimat: "<key>-akimat" ↔ "<key>-maslikhat"
    cast.body_a.save()
    maslikhat = make_maslikhat(cast, "testcity-maslikhat", cast.body_a)
    editor = make_user(f"places.browser.{lang}@example.kz", Role.PLACES_EDITOR)
    Membership.objects.create(user=editor, body=maslikhat, position="Specialist")
    url = shared_live_server.url
    page = new_context(user=editor, base_url=url, java_script_enabled=javascript).new_page()

    page.goto(f"/{lang}/accounts/")
    page.locator(f"main a[href='/{lang}/assemblies/places/edit/{maslikhat.pk}/']").click()
    page.locator(f"main a[href$='/assemblies/places/edit/{maslikhat.pk}/new/']").click()
    for name, value in FIELDS.items():
        page.locator(f"#id_{name}").fill(value)
    page.locator("main form button[type=submit]").click()
    assert page.locator(".usa-error-message").count() >= 2  # the point and the hours
    assert page.locator("#id_name_kk").input_value() == FIELDS["name_kk"]
    assert page.locator("#id_decision_number").input_value() == FIELDS["decision_number"]
    assert not SpecialisedPlace.objects.exists()
    page.locator("#id_longitude").fill("71.430000")
    page.locator("#id_hours_until").fill("20:00")
    page.locator("main form button[type=submit]").click()
    place = SpecialisedPlace.objects.get()
    page.wait_for_url(f"**/assemblies/places/{place.pk}/")

    page.locator(f"main a[href$='/assemblies/places/{place.pk}/change/']").click()
    assert page.locator("#id_capacity").input_value() == "300"
    page.locator("#id_capacity").fill("500")
    page.locator("#id_decision_number").fill("14/2-VII")
    page.locator("#id_decision_date").fill("2025-01-20")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/assemblies/places/{place.pk}/")
    versions = PlaceVersion.objects.filter(place=place).order_by("pk")
    assert [v.capacity for v in versions] == [300, 500]

    public = new_context(base_url=url, java_script_enabled=javascript).new_page()
    public.goto(f"/{lang}/assemblies/places/{place.pk}/")
    html = public.content()
    assert "14/2-VII" in html and "12/45-VII" in html  # the current decision and the history
    assert "places.browser" not in html
