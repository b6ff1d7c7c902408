"""The 17 regions and 3 cities of republican significance (division since June 2022).

Source: domain-rules.md "Regions (2022+)"; ISO 3166-2:KZ; KATO top level = the ISO
number followed by 0000000. Populations are the Bureau of National Statistics
estimates at 1 January 2025, rounded to the thousand; operators update them in
the admin (they drive petition thresholds, 1% / 2% of the region).
"""

from __future__ import annotations

from typing import TypedDict

POPULATION_SOURCE = "Bureau of National Statistics (stat.gov.kz), estimate at 1 January 2025, rounded"


class RegionRow(TypedDict):
    key: str  # used in body slugs: "<key>-akimat"
    iso_code: str
    kato_code: str
    kind: str  # "region" | "city"
    name_kk: str
    name_ru: str
    name_en: str
    population: int
    population_source: str
    # Forms used to build the names of the region's bodies.
    of_ru: str  # "Акмолинской области" → "Акимат Акмолинской области"


def _region(
    key: str, iso: str, kk: str, ru: str, en: str, of_ru: str, population: int, kind: str = "region"
) -> RegionRow:
    return RegionRow(
        key=key,
        iso_code=f"KZ-{iso}",
        kato_code=f"{iso}0000000",
        kind=kind,
        name_kk=kk,
        name_ru=ru,
        name_en=en,
        population=population,
        population_source=POPULATION_SOURCE,
        of_ru=of_ru,
    )


REGIONS: list[RegionRow] = [
    _region("abai", "10", "Абай облысы", "область Абай", "Abai Region", "области Абай", 603_000),
    _region("akmola", "11", "Ақмола облысы", "Акмолинская область", "Akmola Region", "Акмолинской области", 782_000),
    _region("aktobe", "15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", "Актюбинской области", 950_000),
    _region(
        "almaty-region",
        "19",
        "Алматы облысы",
        "Алматинская область",
        "Almaty Region",
        "Алматинской области",
        1_530_000,
    ),
    _region("atyrau", "23", "Атырау облысы", "Атырауская область", "Atyrau Region", "Атырауской области", 705_000),
    _region(
        "west-kazakhstan",
        "27",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
        "Западно-Казахстанской области",
        690_000,
    ),
    _region("zhambyl", "31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region", "Жамбылской области", 1_220_000),
    _region("zhetisu", "33", "Жетісу облысы", "область Жетісу", "Zhetisu Region", "области Жетісу", 699_000),
    _region(
        "karaganda",
        "35",
        "Қарағанды облысы",
        "Карагандинская область",
        "Karaganda Region",
        "Карагандинской области",
        1_131_000,
    ),
    _region(
        "kostanay", "39", "Қостанай облысы", "Костанайская область", "Kostanay Region", "Костанайской области", 829_000
    ),
    _region(
        "kyzylorda",
        "43",
        "Қызылорда облысы",
        "Кызылординская область",
        "Kyzylorda Region",
        "Кызылординской области",
        835_000,
    ),
    _region(
        "mangystau",
        "47",
        "Маңғыстау облысы",
        "Мангистауская область",
        "Mangystau Region",
        "Мангистауской области",
        802_000,
    ),
    _region(
        "pavlodar", "55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", "Павлодарской области", 748_000
    ),
    _region(
        "north-kazakhstan",
        "59",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
        "Северо-Казахстанской области",
        522_000,
    ),
    # KATO prefix of Turkistan is disputed (61 vs 51 in older lists): kept as data, 610000000 by default.
    _region(
        "turkistan",
        "61",
        "Түркістан облысы",
        "Туркестанская область",
        "Turkistan Region",
        "Туркестанской области",
        2_150_000,
    ),
    _region("ulytau", "62", "Ұлытау облысы", "область Ұлытау", "Ulytau Region", "области Ұлытау", 222_000),
    _region(
        "east-kazakhstan",
        "63",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
        "Восточно-Казахстанской области",
        716_000,
    ),
    _region("astana", "71", "Астана қаласы", "г. Астана", "Astana", "города Астаны", 1_513_000, kind="city"),
    _region("almaty", "75", "Алматы қаласы", "г. Алматы", "Almaty", "города Алматы", 2_290_000, kind="city"),
    _region("shymkent", "79", "Шымкент қаласы", "г. Шымкент", "Shymkent", "города Шымкента", 1_250_000, kind="city"),
]
