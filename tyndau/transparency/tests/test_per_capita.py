"""Figures per 100,000 inhabitants by region (issue 15): beside the raw counts, on the dashboard and
in the open data (JSON, CSV, OpenAPI)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.urls import reverse

from tyndau.petitions.models import RegionCount
from tyndau.transparency.selectors.per_capita import per_capita, rate

pytestmark = pytest.mark.django_db
MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-31"}


def test_rate_is_per_100k_and_unknown_without_population() -> None:
    assert rate(5, 1_000_000) == 0.5
    assert rate(3, 30_000) == 10.0
    assert rate(3, 0) is None


def test_per_capita_rows_beside_raw_counts(dataset: Any, cast: Any, client: Any) -> None:
    region = cast.region
    region.population = 200_000
    region.save(update_fields=["population"])
    RegionCount.objects.create(petition=dataset.petitions["open"], region=region, count=50)
    rows = client.get("/api/v1/transparency/per_capita", MARCH).json()
    row = next(r for r in rows if r["region"] == region.iso_code)
    # Six appeals of the fixture concern the cast's region; 50 signatures by its signers.
    assert row["appeals"] == 6 and row["appeals_per_100k"] == 3.0
    assert row["signatures"] == 50 and row["signatures_per_100k"] == 25.0
    assert row["population"] == 200_000 and row["population_source"] == region.population_source
    body = client.get("/api/v1/transparency/per_capita.csv", MARCH).content.decode()
    parsed = next(r for r in csv.DictReader(io.StringIO(body)) if r["region"] == region.iso_code)
    assert parsed["appeals_per_100k"] == "3.0"
    page = client.get(reverse("transparency:index"), MARCH).content.decode()
    assert "per-capita-caption" in page


def test_every_region_has_a_row_even_without_figures(db: Any) -> None:
    from tyndau.authorities.models import Region
    from tyndau.transparency.selectors.period import default_period

    rows = per_capita(period=default_period())
    assert len(rows) == Region.objects.count()
    assert all(r["appeals"] == 0 or r["appeals_per_100k"] is not None for r in rows)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_charts_compare_regions_per_head(dataset: Any, cast: Any, client: Any, lang: str) -> None:
    """Issue 15: the bars follow the figures per 100,000 (a small region with fewer signatures but more
    per head gets the longer bar), the table keeps the raw counts, no population shows "—"."""
    from tyndau.authorities.models import Region
    from tyndau.transparency.selectors.per_capita import per_capita_bars, per_capita_table
    from tyndau.transparency.selectors.period import Period

    big, small = cast.region, Region.objects.exclude(pk=cast.region.pk).order_by("iso_code").first()
    assert small is not None
    Region.objects.filter(pk=big.pk).update(population=1_000_000)
    Region.objects.filter(pk=small.pk).update(population=100_000)
    Region.objects.exclude(pk__in=(big.pk, small.pk)).update(population=0)
    RegionCount.objects.create(petition=dataset.petitions["open"], region=big, count=40)  # 4.0 per 100,000
    RegionCount.objects.create(petition=dataset.petitions["open"], region=small, count=8)  # 8.0 per 100,000
    import datetime as dt

    bars = {
        r["iso_code"]: (r["count"], r["bar"])
        for r in per_capita_bars(
            per_capita_table(period=Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))), "signatures"
        )
    }
    assert bars[small.iso_code] == (8.0, 100) and bars[big.iso_code] == (4.0, 50)
    assert all(
        bar == 0 and count is None for name, (count, bar) in bars.items() if name not in (big.iso_code, small.iso_code)
    )
    page = client.get(f"/{lang}/transparency/", MARCH).content.decode()
    section = page[page.index('id="per-capita-heading"') :]
    decimal = "." if lang == "en" else ","
    signatures = section[
        section.index('id="per-capita-signatures-heading"') : section.index('id="per-capita-assemblies-heading"')
    ]
    assert re.search(rf'transparency-bar--w100"></span><span class="transparency-bar-count">8{decimal}0<', signatures)
    assert re.search(rf'transparency-bar--w50"></span><span class="transparency-bar-count">4{decimal}0<', signatures)
    assert 'transparency-bar--w0"></span><span class="transparency-bar-count">—<' in signatures
    # The table beside keeps the raw counts; no population is "—", not 0.
    assert re.search(r"<td>40</td><td>4[.,]0</td>", section) and "<td>—</td>" in section
