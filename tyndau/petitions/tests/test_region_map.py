"""Signatures by region on a map (issue 16, docs/maps.md): the table stays the content; each row of a
region with a known centre carries the point and the count the map draws (tyndau/maps.js)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tyndau.authorities.reference_data.centres import CENTRES
from tyndau.authorities.reference_data.regions import REGIONS
from tyndau.core.bounds import KZ_BOUNDS
from tyndau.petitions import services

from .conftest import sign_confirmed

pytestmark = pytest.mark.django_db


def test_every_shipped_region_has_a_centre_inside_kazakhstan() -> None:
    assert {row["iso_code"] for row in REGIONS} == set(CENTRES)
    for lat, lon in CENTRES.values():
        assert KZ_BOUNDS.lat_min <= lat <= KZ_BOUNDS.lat_max and KZ_BOUNDS.lon_min <= lon <= KZ_BOUNDS.lon_max


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_region_table_carries_the_map_points(client: Any, pcast: Any, open_petition: Any, lang: str) -> None:
    from tyndau.authorities.models import Region

    astana = Region.objects.get(iso_code="KZ-71")
    sign_confirmed(open_petition, 3, region=astana)
    sign_confirmed(open_petition, 1, region=None, start=3)
    services.recount_signatures()
    html = client.get(f"/{lang}/petitions/{open_petition.pk}/").content.decode()
    rows = re.findall(r"<tr data-map-point ([^>]*)>", html)
    assert len(rows) == 1, rows  # "not given" has no place on a map, but stays in the table
    assert 'data-lat="51.17"' in rows[0] and 'data-lon="71.45"' in rows[0] and 'data-count="3"' in rows[0]
    assert re.search(r'<div class="tyndau-map" hidden data-map="points"[^>]*data-map-source="regions-rows"', html)
    assert re.search(r'class="tyndau-map__canvas" role="region" aria-label="[^"]+"', html)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_map_and_bars_compare_regions_per_head(client: Any, pcast: Any, open_petition: Any, lang: str) -> None:
    """Issue 15: a small region with fewer signatures but more per head gets the bigger circle and bar;
    the raw counts stay in the table and the label; a region without population data shows "—"."""
    from tyndau.authorities.models import Region

    big, small, unknown = (Region.objects.get(iso_code=code) for code in ("KZ-71", "KZ-10", "KZ-75"))
    Region.objects.filter(pk=big.pk).update(population=1_000_000)
    Region.objects.filter(pk=small.pk).update(population=200_000)
    Region.objects.filter(pk=unknown.pk).update(population=0)
    sign_confirmed(open_petition, 10, region=big)  # 1.0 per 100,000
    sign_confirmed(open_petition, 4, region=small, start=10)  # 2.0 per 100,000
    sign_confirmed(open_petition, 2, region=unknown, start=14)
    services.recount_signatures()
    html = client.get(f"/{lang}/petitions/{open_petition.pk}/").content.decode()
    rows = dict(re.findall(r'<tr data-map-point data-lat="([^"]+)"[^>]*data-size="([^"]*)"', html))
    sizes = {iso: rows[str(CENTRES[iso][0])] for iso in ("KZ-71", "KZ-10", "KZ-75")}
    assert sizes == {"KZ-71": "1.0", "KZ-10": "2.0", "KZ-75": ""}
    assert re.search(r'data-count="10" data-size="1.0" data-label="[^"]*10[^"]*"', html)
    bars = re.findall(r'tyndau-bar--w(\d+)"></span><span class="tyndau-bar-count">([^<]+)<', html)
    decimal = "." if lang == "en" else ","
    assert bars == [("50", f"1{decimal}0"), ("100", f"2{decimal}0"), ("0", "—")]
    table = html[html.index('id="regions-rows"') :]
    assert re.search(rf"<td>10</td><td>1{decimal}0</td>", table) and re.search(r"<td>2</td><td>—</td>", table)
