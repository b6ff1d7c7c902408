"""Maps (docs/maps.md, ADR 0036): the tile server setting, the CSP origin it needs, distances, and how
precise a point may be in public.

The map itself is an enhancement drawn by tyndau/maps.js with Leaflet (loaded only when a page shows a
map); every point enters and is shown as typed latitude and longitude first. Which points are accepted
is decided in one place: tyndau.core.bounds (KZ_BOUNDS, `coordinate`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tyndau.core.bounds import KZ_BOUNDS

# A published appeal's point is shown to three decimals (~110 m of latitude): the street, not the
# doorstep (the exact point, like the exact address, is for the applicant and the body only).
# Open311's public `lat`/`long` use the same precision.
PUBLIC_POINT_DECIMALS = 3
_PUBLIC_STEP = Decimal(1).scaleb(-PUBLIC_POINT_DECIMALS)

# Mean Earth radius (IUGG), kilometres: enough for "appeals within 5 km".
EARTH_RADIUS_KM = 6371.0088
# Radii the "nearby" view offers (km); the largest bounds the work a single request may ask for.
NEARBY_RADII_KM = (1, 2, 5, 10, 25, 50)

_HOST = re.compile(r"^(?:\{s\}\.)?[A-Za-z0-9.-]+(?::[0-9]{1,5})?$")


def tile_origin(tiles_url: str) -> str:
    """The CSP source for a Leaflet tile URL template: "" for our own origin (a path), "https://host"
    otherwise, "https://*.host" when the template picks subdomains ({s}). Anything else is refused."""
    if not tiles_url or (tiles_url.startswith("/") and not tiles_url.startswith("//")):
        return ""
    parts = urlsplit(tiles_url)
    if parts.scheme not in ("https", "http") or not _HOST.match(parts.netloc):
        raise ImproperlyConfigured(
            "TYNDAU_MAP_TILES_URL must be a path on this site or an http(s) URL template such as "
            "https://tile.example.kz/{z}/{x}/{y}.png"
        )
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def map_config() -> dict[str, str]:
    """What a page hands to tyndau/maps.js: the tiles, their attribution and Kazakhstan's box."""
    tiles = settings.TYNDAU_MAP_TILES_URL
    tile_origin(tiles)  # refuse a malformed setting here too, not only in the CSP
    link = settings.TYNDAU_MAP_ATTRIBUTION_URL
    if link and urlsplit(link).scheme not in ("https", "http"):
        raise ImproperlyConfigured("TYNDAU_MAP_ATTRIBUTION_URL must be an http(s) address")
    box = KZ_BOUNDS
    return {
        "tiles": tiles,
        "attribution": settings.TYNDAU_MAP_ATTRIBUTION,
        "attribution_url": link,
        "bounds": f"{box.lat_min},{box.lon_min},{box.lat_max},{box.lon_max}",
    }


@dataclass(frozen=True)
class Point:
    latitude: Decimal
    longitude: Decimal


def public_point(latitude: Decimal | None, longitude: Decimal | None) -> Point | None:
    """The point as it may be shown in public: rounded to PUBLIC_POINT_DECIMALS."""
    if latitude is None or longitude is None:
        return None
    return Point(
        Decimal(latitude).quantize(_PUBLIC_STEP, rounding=ROUND_HALF_EVEN),
        Decimal(longitude).quantize(_PUBLIC_STEP, rounding=ROUND_HALF_EVEN),
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def box_around(latitude: float, longitude: float, radius_km: float) -> tuple[float, float, float, float]:
    """(lat_min, lat_max, lon_min, lon_max) enclosing the circle: a cheap filter before the distance."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * max(math.cos(math.radians(latitude)), 0.01)))
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon
