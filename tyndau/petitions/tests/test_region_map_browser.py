"""Signatures by region drawn on the map (Chromium, local tile fixture): one circle per region."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tyndau.petitions import services

from .conftest import sign_confirmed

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_region_map_draws_one_circle_per_region(
    new_context: Any, shared_live_server: Any, pcast: Any, open_petition: Any
) -> None:
    from django.apps import apps

    from tyndau.authorities.models import Region
    from tyndau.authorities.reference_data import load

    load(apps, overwrite=False)
    sign_confirmed(open_petition, 5, region=Region.objects.get(iso_code="KZ-71"))
    sign_confirmed(open_petition, 2, region=Region.objects.get(iso_code="KZ-75"), start=5)
    services.recount_signatures()
    page = new_context(base_url=shared_live_server.url).new_page()
    page.goto(f"/ru/petitions/{open_petition.pk}/")
    box = page.locator(".tyndau-map[data-map='points']")
    box.get_by_role("button", name="Показать на карте").click()
    box.locator(".leaflet-container").wait_for()
    circles = box.locator("path.leaflet-interactive")
    assert circles.count() == 2
    big, small = (circles.nth(i).get_attribute("d") for i in range(2))
    assert big != small  # sized by the count
    assert box.locator(".tyndau-map__canvas").get_attribute("aria-label", timeout=1000)


def _radius(path: str | None) -> float:
    """The radius of a Leaflet SVG circle ("M x,y a r,r 0 1,0 ...")."""
    return float(re.search(r"a([\d.]+),", path or "").group(1))  # type: ignore[union-attr]


def test_the_circles_are_sized_per_head_of_population(
    new_context: Any, shared_live_server: Any, pcast: Any, open_petition: Any
) -> None:
    """Issue 15: fewer signatures from a small region can be more per head: its circle is the bigger;
    the popup keeps the raw count; a region without population data gets a plain marker."""
    from django.apps import apps

    from tyndau.authorities.models import Region
    from tyndau.authorities.reference_data import load

    load(apps, overwrite=False)
    Region.objects.filter(iso_code="KZ-71").update(population=1_000_000)
    Region.objects.filter(iso_code="KZ-10").update(population=100_000)
    Region.objects.filter(iso_code="KZ-75").update(population=0)
    sign_confirmed(open_petition, 10, region=Region.objects.get(iso_code="KZ-71"))  # 1.0 per 100,000
    sign_confirmed(open_petition, 4, region=Region.objects.get(iso_code="KZ-10"), start=10)  # 4.0
    sign_confirmed(open_petition, 2, region=Region.objects.get(iso_code="KZ-75"), start=14)  # unknown
    services.recount_signatures()
    page = new_context(base_url=shared_live_server.url).new_page()
    page.goto(f"/kk/petitions/{open_petition.pk}/")
    box = page.locator(".tyndau-map[data-map='points']")
    box.get_by_role("button").first.click()
    box.locator(".leaflet-container").wait_for()
    circles = box.locator("path.leaflet-interactive")
    assert circles.count() == 2
    many, per_head = (_radius(circles.nth(i).get_attribute("d")) for i in range(2))
    assert per_head > many  # rows come by count: Astana (10) first, the smaller region (4) second
    assert box.locator(".leaflet-marker-icon").count() == 1
    circles.nth(0).click(force=True)
    assert "10" in box.locator(".leaflet-popup-content").inner_text()
