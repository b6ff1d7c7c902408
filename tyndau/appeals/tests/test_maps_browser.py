"""Maps in Chromium (Playwright), with the local tile fixture (tyndau/maps/tile-fixture.png, served by
the test server itself — never the internet): clicking the map fills the latitude and longitude
fields, typing moves the marker, and the nearby view draws the listed appeals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest

from tyndau.core.bounds import KZ_BOUNDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _requests(page: Any) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


@pytest.mark.parametrize(("lang", "button", "status"), [
    ("ru", "Выбрать точку на карте", "Точка выбрана"),
    ("en", "Choose the point on a map", "The point is set"),
])  # fmt: skip
def test_clicking_the_map_fills_the_coordinates(
    new_context: Any, shared_live_server: Any, cast: Any, lang: str, button: str, status: str
) -> None:
    context = new_context(user=cast.citizen, base_url=shared_live_server.url)
    page = context.new_page()
    requests = _requests(page)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.goto(f"/{lang}/appeals/new/")
    assert page.locator("script[src*='leaflet']").count() == 0  # not loaded before it is asked for
    page.get_by_role("button", name=button).click()
    canvas = page.locator(".tyndau-map__canvas.leaflet-container")
    canvas.wait_for()
    page.locator("img.leaflet-tile-loaded").first.wait_for()
    assert page.locator("#id_latitude").input_value() == ""
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    lat = Decimal(page.locator("#id_latitude").input_value())
    lon = Decimal(page.locator("#id_longitude").input_value())
    assert KZ_BOUNDS.lat_min <= lat <= KZ_BOUNDS.lat_max and KZ_BOUNDS.lon_min <= lon <= KZ_BOUNDS.lon_max
    assert status in page.locator(".tyndau-map__status").inner_text()
    assert page.locator(".leaflet-marker-icon").count() == 1
    # The attribution the tile licence asks for is on the map.
    assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()
    # Typing moves the marker to the typed point (keyboard users never need the map).
    page.locator("#id_latitude").fill("43.238949")
    page.locator("#id_longitude").fill("76.889709")
    page.locator("#id_longitude").press("Tab")
    assert page.locator(".tyndau-map").get_attribute("data-map-shown") == "43.238949,76.889709"
    # Nothing was fetched from anywhere but our own server (tiles included).
    host = urlsplit(shared_live_server.url).netloc
    assert all(urlsplit(url).netloc == host for url in requests if url.startswith("http")), requests
    assert not console, console  # nothing refused by the Content-Security-Policy, no script error
    # The second map page opens the map at once: Leaflet is cached, the reader has asked for maps.
    page.goto(f"/{lang}/appeals/register/nearby/")
    page.locator(".tyndau-map__canvas.leaflet-container").wait_for()


def test_the_nearby_view_draws_the_listed_appeals_in_kazakh(
    new_context: Any, shared_live_server: Any, file_appeal: Any
) -> None:
    for lat, lon in (("51.128421", "71.430611"), ("51.128000", "71.452000")):
        file_appeal(publish_consent=True, latitude=Decimal(lat), longitude=Decimal(lon))
    context = new_context(base_url=shared_live_server.url)
    page = context.new_page()
    page.goto("/kk/appeals/register/nearby/?latitude=51.1284&longitude=71.4306&radius=2")
    assert page.locator("#nearby-list li[data-map-point]").count() == 2
    maps = page.locator(".tyndau-map[data-map='points']")
    maps.get_by_role("button").click()
    maps.locator(".leaflet-container").wait_for()
    assert maps.locator(".leaflet-marker-icon").count() == 2
    assert maps.locator(".tyndau-map__canvas").get_attribute("aria-label")


def test_pages_with_a_map_stay_within_the_first_visit_budget(
    new_context: Any, cast: Any, file_appeal: Any, capsys: Any
) -> None:
    """The harness's budget (tests/harness/test_first_visit.py) on every kind of map page: Leaflet is
    not part of a first visit; it comes when the reader asks for the map (figures in docs/maps.md)."""
    from tests.harness.test_first_visit import BUDGET, DECODED_BUDGET, first_visit

    appeal = file_appeal(publish_consent=True, latitude=Decimal("51.128421"), longitude=Decimal("71.430611"))
    pages = [
        (cast.citizen, "/kk/appeals/new/"),
        (cast.citizen, f"/ru/appeals/a/{appeal.number}/"),
        (None, f"/en/appeals/register/{appeal.number}/"),
        (None, "/kk/appeals/register/nearby/?latitude=51.1284&longitude=71.4306&radius=2"),
    ]
    rows = []
    for user, url in pages:
        sizes = first_visit(new_context, user, url)
        total = sum(wire for wire, _ in sizes.values())
        decoded = sum(size for _, size in sizes.values())
        rows.append(f"{url:<70} {total / 1024:6.1f} KB transferred, {decoded / 1024:6.1f} KB decoded")
        assert not [path for path in sizes if "leaflet" in path], url
        assert total <= BUDGET and decoded <= DECODED_BUDGET, rows[-1]
    with capsys.disabled():
        print("\nfirst visit of map pages:\n" + "\n".join(rows))


def test_what_the_map_costs_when_the_reader_asks_for_it(new_context: Any, cast: Any, capsys: Any) -> None:
    """The weight of the appeal form once the map is drawn (Leaflet, its stylesheet, the tiles): the
    reason Leaflet is not part of a first visit (ADR 0036)."""
    from tests.harness.browser import IN_PROCESS_BASE, in_process_context
    from tests.harness.test_first_visit import DECODED_BUDGET, transferred

    context = in_process_context(new_context, cast.citizen)
    tab = context.new_page()
    responses: list[Any] = []
    tab.on("response", lambda response: responses.append(response))
    tab.goto(IN_PROCESS_BASE + "/en/appeals/new/", wait_until="load")
    tab.get_by_role("button", name="Choose the point on a map").click()
    tab.locator("img.leaflet-tile-loaded").first.wait_for()
    tab.wait_for_load_state("networkidle")
    sizes = {}
    for response in responses:
        path = urlsplit(response.url).path
        body = response.body()
        sizes[path] = (transferred(path, body), len(body))
    leaflet = {path: size for path, size in sizes.items() if "/leaflet/" in path}
    assert any(path.endswith("leaflet.js") for path in leaflet) and any(p.endswith("leaflet.css") for p in leaflet)
    total = sum(wire for wire, _ in sizes.values())
    decoded = sum(size for _, size in sizes.values())
    with capsys.disabled():
        print(
            f"\n/en/appeals/new/ with the map drawn: {total / 1024:.1f} KB transferred, {decoded / 1024:.1f} KB decoded"
        )
    assert decoded > DECODED_BUDGET * 0.9  # if Leaflet ever gets small enough, it could load with the page


def test_without_javascript_there_is_no_map_and_the_typed_point_is_checked(
    new_context: Any, shared_live_server: Any, cast: Any
) -> None:
    context = new_context(user=cast.citizen, base_url=shared_live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/kk/appeals/new/")
    assert not page.locator(".tyndau-map").is_visible()
    page.locator("#id_latitude").fill("48.8566")
    page.locator("#id_longitude").fill("2.3522")
    page.locator("form.usa-form button[type=submit]:not([name=suggest])").click()  # not the routing suggestion
    assert page.locator(".usa-error-message", has_text="Қазақстан").count() == 1
    assert page.locator("#id_latitude").input_value() == "48.8566"  # nothing typed is lost
    assert not page.locator(".tyndau-map").is_visible()
