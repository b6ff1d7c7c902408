"""Maps (issue 16, docs/maps.md): the appeal's point on its pages, published points at public
precision, the "nearby" view (page and API) and Kazakhstan's box wherever a point enters."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings

from tyndau.appeals import selectors
from tyndau.appeals.models import Appeal

pytestmark = pytest.mark.django_db

ASTANA = (Decimal("51.128421"), Decimal("71.430611"))
# About 1.5 km east of ASTANA, and one in Almaty (~970 km away).
NEAR = (Decimal("51.128000"), Decimal("71.452000"))
ALMATY = (Decimal("43.238949"), Decimal("76.889709"))


@pytest.fixture
def points(file_appeal: Any) -> dict[str, Appeal]:
    return {
        "here": file_appeal(publish_consent=True, latitude=ASTANA[0], longitude=ASTANA[1], address="ул. Абая, 15"),
        "near": file_appeal(publish_consent=True, latitude=NEAR[0], longitude=NEAR[1]),
        "far": file_appeal(publish_consent=True, latitude=ALMATY[0], longitude=ALMATY[1]),
        "private": file_appeal(latitude=ASTANA[0], longitude=ASTANA[1]),
        "nowhere": file_appeal(publish_consent=True),
    }


def test_the_form_has_a_map_picker_bound_to_the_typed_fields(client: Any, cast: Any) -> None:
    client.force_login(cast.citizen)
    html = client.get("/en/appeals/new/").content.decode()
    # The no-JS path: the typed fields; the map container is hidden until the script shows it.
    assert 'name="latitude"' in html and 'name="longitude"' in html
    box = re.search(r'<div class="tyndau-map" hidden data-map="pick"[^>]*>', html)
    assert box, "no map picker on the appeal form"
    assert 'data-map-lat-field="id_latitude"' in box.group(0) and 'data-map-lon-field="id_longitude"' in box.group(0)
    assert 'aria-label="Map: choose the place of the appeal"' in html
    # Leaflet is not on the page: tyndau/maps.js loads it only when the map is shown.
    assert not re.search(r"<script[^>]*leaflet|<link[^>]*leaflet", html)
    assert re.search(r'<script src="[^"]*/tyndau/maps\.js" defer>', html)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_point_outside_kazakhstan_keeps_what_was_typed(client: Any, cast: Any, lang: str) -> None:
    client.force_login(cast.citizen)
    response = client.post(
        f"/{lang}/appeals/new/", {"subject": "Фонарь не горит", "latitude": "48.8566", "longitude": "2.3522"}
    )
    assert response.status_code == 200 and not Appeal.objects.exists()
    html = response.content.decode()
    assert 'value="48.8566"' in html and 'value="2.3522"' in html and "Фонарь не горит" in html
    message = {"en": "(Kazakhstan)", "ru": "Казахстан", "kk": "Қазақстан"}[lang]
    assert message in html


def test_the_applicant_sees_the_exact_point_and_the_public_a_rounded_one(
    client: Any, cast: Any, points: dict[str, Appeal]
) -> None:
    appeal = points["here"]
    client.force_login(cast.citizen)
    own = client.get(f"/en/appeals/a/{appeal.number}/").content.decode()
    assert 'data-map="point"' in own and 'data-map-lat="51.128421"' in own and 'data-map-lon="71.430611"' in own
    client.logout()
    public = client.get(f"/en/appeals/register/{appeal.number}/").content.decode()
    assert 'data-map-lat="51.128"' in public and 'data-map-lon="71.431"' in public
    assert "51.128421" not in public and "71.430611" not in public
    # An appeal without a point shows no map at all.
    assert 'data-map="' not in client.get(f"/en/appeals/register/{points['nowhere'].number}/").content.decode()


def test_nearby_selector_finds_published_points_within_the_radius_nearest_first(points: dict[str, Appeal]) -> None:
    found = selectors.published_near(latitude=51.1284, longitude=71.4306, radius_km=2)
    assert [near.appeal.number for near in found] == [points["here"].number, points["near"].number]
    assert found[0].distance_km < 0.2 < 1.0 < found[1].distance_km < 2
    # Only the public precision leaves the selector, on the model too.
    assert found[0].appeal.latitude == Decimal("51.128") and found[0].point.longitude == Decimal("71.431")
    assert len(selectors.published_near(latitude=51.1284, longitude=71.4306, radius_km=1)) == 1
    wide = selectors.published_near(latitude=47.0, longitude=74.0, radius_km=50)
    assert wide == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_nearby_page_works_without_javascript_as_a_list(client: Any, points: dict[str, Appeal], lang: str) -> None:
    empty = client.get(f"/{lang}/appeals/register/nearby/")
    assert empty.status_code == 200 and 'name="latitude"' in empty.content.decode()
    html = client.get(f"/{lang}/appeals/register/nearby/?latitude=51.1284&longitude=71.4306&radius=2").content.decode()
    assert html.index(points["here"].number) < html.index(points["near"].number)
    assert points["far"].number not in html and points["private"].number not in html
    assert "ул. Абая, 15" not in html  # the exact address is never public
    assert 'data-map="points"' in html and 'data-map-source="nearby-list"' in html
    assert html.count("data-map-point ") == 2


@pytest.mark.parametrize(
    ("lat", "lon", "radius"),
    [("48.8566", "2.3522", "5"), ("1e999", "71.4", "5"), ("NaN", "71.4", "5"), ("51.1", "", "5"),
     ("51.1", "71.4", "7"), ("51.1", "71.4", "99999999999999999999"), ("5" * 5000, "71.4", "5")],
)  # fmt: skip
def test_the_nearby_page_refuses_bad_points_with_a_message(client: Any, lat: str, lon: str, radius: str) -> None:
    response = client.get("/ru/appeals/register/nearby/", {"latitude": lat, "longitude": lon, "radius": radius})
    assert response.status_code == 200
    html = response.content.decode()
    assert "usa-error-message" in html or "usa-alert--error" in html
    assert 'id="nearby-list"' not in html


def test_the_nearby_api_answers_published_points_and_refuses_points_outside(
    client: Any, points: dict[str, Appeal]
) -> None:
    data = client.get("/api/v1/appeals/nearby", {"latitude": "51.1284", "longitude": "71.4306", "radius_km": 2}).json()
    assert [row["number"] for row in data] == [points["here"].number, points["near"].number]
    assert data[0]["latitude"] == 51.128 and data[0]["url"].endswith(f"/appeals/register/{points['here'].number}/")
    assert set(data[0]) == {"number", "status", "category", "body_name", "latitude", "longitude", "distance_km", "url"}
    api = "/api/v1/appeals/nearby"
    outside = client.get(api, {"latitude": "48.8566", "longitude": "2.3522"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert outside.status_code == 422 and "Казахстан" in outside.json()["detail"]
    assert client.get(api, {"latitude": "NaN", "longitude": "71.4"}).status_code == 422
    assert client.get(api, {"latitude": "51", "longitude": "71", "radius_km": 51}).status_code == 422
    assert client.get(api, {"latitude": "5" * 100, "longitude": "71"}).status_code == 422


def test_open311_publishes_the_same_public_precision(client: Any, points: dict[str, Appeal]) -> None:
    rows = client.get("/open311/v2/requests.json").json()
    row = next(r for r in rows if r["service_request_id"] == points["here"].number)
    assert (row["lat"], row["long"]) == (51.128, 71.431)


@override_settings(TYNDAU_MAP_TILES_URL="https://tiles.example.kz/{z}/{x}/{y}.png")
def test_the_tile_server_is_the_only_third_party_image_origin(client: Any) -> None:
    from tyndau.core.middleware import policy_for_tiles

    policy_for_tiles.cache_clear()
    policy = client.get("/en/appeals/register/nearby/")["Content-Security-Policy"]
    assert "img-src 'self' data: https://tiles.example.kz;" in policy
    assert policy.count("https://") == 1


def test_a_page_with_two_maps_loads_the_script_once(client: Any, points: dict[str, Appeal]) -> None:
    html = client.get("/en/appeals/register/nearby/?latitude=51.1284&longitude=71.4306&radius=2").content.decode()
    assert html.count('data-map="') == 2
    assert len(re.findall(r"<script src=\"[^\"]*/tyndau/maps\.js\"", html)) == 1
