"""`{% tyndau_map %}`: a map container that tyndau/maps.js enhances (docs/maps.md).

Without JavaScript the container stays hidden and the page shows what it always shows: the typed
latitude and longitude, the list, the table. With JavaScript a "Show the map" button loads Leaflet
(only then: the first visit stays within the page-weight budget) and draws the map.
"""

from __future__ import annotations

from typing import Any

from django import template

from tyndau.core.maps import map_config

register = template.Library()


@register.inclusion_tag("core/_map.html", takes_context=True)
def tyndau_map(
    context: template.Context,
    mode: str,
    *,
    label: str,
    lat_field: str = "",
    lon_field: str = "",
    latitude: Any = None,
    longitude: Any = None,
    source: str = "",
    radius_km: Any = None,
) -> dict[str, Any]:
    """mode: "pick" (sets the fields `lat_field`/`lon_field`), "point" (one point), "points" (the
    items marked `data-map-point` inside the element with id `source`, e.g. a list or a table)."""
    if mode not in ("pick", "point", "points"):
        raise template.TemplateSyntaxError(f"tyndau_map: unknown mode {mode!r}")
    # The script once per page, however many maps it has.
    request = context.get("request")
    script = not getattr(request, "_tyndau_maps_script", False)
    if request is not None:
        setattr(request, "_tyndau_maps_script", True)  # noqa: B010 - a marker on the request, not a field
    return {
        "script": script,
        "mode": mode,
        "label": label,
        "config": map_config(),
        "lat_field": lat_field,
        "lon_field": lon_field,
        "latitude": latitude,
        "longitude": longitude,
        "source": source,
        "radius_km": radius_km,
    }
