"""Where a region is drawn on a map: its administrative centre (WGS 84, rounded to 0.01°).

Tyndau ships no region boundaries (nothing is downloaded), so "signatures by region" on a map is one
marker per region at its administrative centre, sized by the count (docs/maps.md). Source: the
coordinates of the regional centres as published in OpenStreetMap (place=city nodes), checked by hand
against the official list of regional centres after the 2022 division (Abai, Zhetisu and Ulytau
regions). Not boundaries, not used for any decision: only to place a marker.
"""

from __future__ import annotations

# ISO 3166-2 code -> (latitude, longitude) of the administrative centre.
CENTRES: dict[str, tuple[float, float]] = {
    "KZ-10": (50.41, 80.23),  # Abai: Semey
    "KZ-11": (53.28, 69.39),  # Akmola: Kokshetau
    "KZ-15": (50.28, 57.17),  # Aktobe: Aktobe
    "KZ-19": (43.87, 77.07),  # Almaty Region: Konaev
    "KZ-23": (47.11, 51.92),  # Atyrau: Atyrau
    "KZ-27": (51.23, 51.37),  # West Kazakhstan: Oral
    "KZ-31": (42.90, 71.37),  # Zhambyl: Taraz
    "KZ-33": (45.02, 78.37),  # Zhetisu: Taldykorgan
    "KZ-35": (49.80, 73.09),  # Karaganda: Karaganda
    "KZ-39": (53.21, 63.63),  # Kostanay: Kostanay
    "KZ-43": (44.85, 65.51),  # Kyzylorda: Kyzylorda
    "KZ-47": (43.65, 51.17),  # Mangystau: Aktau
    "KZ-55": (52.29, 76.97),  # Pavlodar: Pavlodar
    "KZ-59": (54.87, 69.14),  # North Kazakhstan: Petropavl
    "KZ-61": (43.30, 68.25),  # Turkistan: Turkistan
    "KZ-62": (47.78, 67.71),  # Ulytau: Zhezkazgan
    "KZ-63": (49.95, 82.61),  # East Kazakhstan: Oskemen
    "KZ-71": (51.17, 71.45),  # Astana
    "KZ-75": (43.24, 76.89),  # Almaty
    "KZ-79": (42.32, 69.59),  # Shymkent
}
