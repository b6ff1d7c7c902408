"""The map settings (docs/maps.md): the tile server is a setting, the CSP allows exactly its host,
and a published point is rounded to the public precision."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from tyndau.core import maps
from tyndau.core.middleware import CONTENT_SECURITY_POLICY, policy_for_tiles


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("/static/tyndau/maps/tile-fixture.png", ""),
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tiles.example.kz:8443/osm/{z}/{x}/{y}.png", "https://*.tiles.example.kz:8443"),
        ("http://127.0.0.1:8140/{z}/{x}/{y}.png", "http://127.0.0.1:8140"),
    ],
)
def test_the_csp_source_is_the_tile_server_origin(url: str, origin: str) -> None:
    assert maps.tile_origin(url) == origin


@pytest.mark.parametrize(
    "url",
    [
        "//evil.example/{z}/{x}/{y}.png",
        "javascript:alert(1)",
        "https://a.example; script-src *",
        "https://user@a.example/{z}.png",
        "ftp://a.example/{z}.png",
        "https://{z}.example/{x}/{y}.png",
        "data:image/png;base64,AAAA",
    ],
)
def test_a_tile_setting_that_could_widen_the_csp_is_refused(url: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        maps.tile_origin(url)


def test_the_policy_adds_only_the_tile_host_to_img_src() -> None:
    assert policy_for_tiles("/static/tile.png") == CONTENT_SECURITY_POLICY
    policy = policy_for_tiles("https://tiles.example.kz/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://tiles.example.kz;" in policy
    assert policy.replace(" https://tiles.example.kz", "") == CONTENT_SECURITY_POLICY


def test_tests_use_the_local_tile_fixture(settings: Any) -> None:
    from django.contrib.staticfiles import finders

    assert settings.TYNDAU_MAP_TILES_URL.startswith("/static/")
    path = finders.find(settings.TYNDAU_MAP_TILES_URL.removeprefix(settings.STATIC_URL))
    assert path
    with open(path, "rb") as tile:
        assert tile.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
@override_settings(TYNDAU_MAP_TILES_URL="https://{s}.tiles.example.kz/{z}/{x}/{y}.png")
def test_every_response_allows_the_configured_tile_host(client: Any) -> None:
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "img-src 'self' data: https://*.tiles.example.kz;" in policy


def test_public_points_are_rounded_to_about_a_hundred_metres() -> None:
    point = maps.public_point(Decimal("51.128421"), Decimal("71.430611"))
    assert point == maps.Point(Decimal("51.128"), Decimal("71.431"))
    assert maps.public_point(None, Decimal("71.4")) is None


def test_distances_are_great_circle_kilometres() -> None:
    astana, almaty = (51.1694, 71.4491), (43.2389, 76.8897)
    assert 965 < maps.distance_km(*astana, *almaty) < 975
    lat_min, lat_max, lon_min, lon_max = maps.box_around(51.0, 71.0, 10)
    assert maps.distance_km(51.0, 71.0, lat_max, 71.0) == pytest.approx(10, rel=1e-3)
    assert maps.distance_km(51.0, 71.0, lat_min, 71.0) == pytest.approx(10, rel=1e-3)
    assert maps.distance_km(51.0, 71.0, 51.0, lon_max) >= 9.9 and maps.distance_km(51.0, 71.0, 51.0, lon_min) >= 9.9


@override_settings(TYNDAU_MAP_ATTRIBUTION_URL="javascript:alert(1)")
def test_the_attribution_link_must_be_a_web_address() -> None:
    with pytest.raises(ImproperlyConfigured):
        maps.map_config()


@override_settings(TYNDAU_MAP_ATTRIBUTION='<img src=x onerror="alert(1)">', TYNDAU_MAP_ATTRIBUTION_URL="")
def test_the_attribution_is_text_in_the_page() -> None:
    from django.template import Context, Template

    html = Template('{% load tyndau_maps %}{% tyndau_map "point" label="Map" latitude=51 longitude=71 %}').render(
        Context({})
    )
    assert "<img" not in html and 'data-map-attribution="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"' in html
