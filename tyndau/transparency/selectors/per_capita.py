"""Figures per 100,000 inhabitants by region (issue 15), beside the raw counts, so that a small
region's voice is not drowned by a large city's. The population is the reference data's
(`Region.population`, Bureau of National Statistics estimate; `population_source`).

- appeals: received in the period, by the region the appeal concerns;
- petition signatures: confirmed signatures, by the signer's region, to petitions submitted in the
  period (the materialised `RegionCount` rows: no scan of the signatures table);
- assembly notifications: notifications and applications registered in the period, by the region of
  the akimat they were filed with.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum

from tyndau.assemblies.models import Assembly, Procedure
from tyndau.authorities.models import Region
from tyndau.authorities.selectors import per_100k
from tyndau.petitions.models import RegionCount
from tyndau.petitions.models import Status as PetitionStatus
from tyndau.transparency.selectors.appeals import appeal_summary
from tyndau.transparency.selectors.period import Period, bar_width, cached, localized

rate = per_100k  # `count` per 100,000 inhabitants; None where the population is not known


def per_capita(*, period: Period) -> list[dict[str, Any]]:
    """One row per region: population, raw counts and the rates per 100,000. Cached."""

    def compute() -> list[dict[str, Any]]:
        appeals = appeal_summary(period=period)["by_region"]
        signatures = dict(
            RegionCount.objects.filter(
                region__isnull=False,
                petition__submitted_at__gte=period.start,
                petition__submitted_at__lt=period.end,
            )
            .exclude(petition__status=PetitionStatus.DRAFT)
            .values_list("region_id")
            .annotate(total=Sum("count"))
        )
        assemblies: dict[int, dict[str, int]] = {}
        for region_id, procedure, count in (
            Assembly.objects.filter(registered_on__gte=period.date_from, registered_on__lte=period.date_to)
            .values_list("akimat__region_id", "procedure")
            .annotate(n=Count("id"))
        ):
            if region_id is not None:
                assemblies.setdefault(region_id, {})[procedure] = count
        rows = []
        fields = ("id", "iso_code", "kind", "name_kk", "name_ru", "name_en", "population", "population_source")
        for region in Region.objects.order_by("iso_code").values(*fields):
            population = region["population"]
            received = appeals.get(region["id"], {}).get("received", 0)
            signed = int(signatures.get(region["id"]) or 0)
            filed = assemblies.get(region["id"], {})
            notified = filed.get(Procedure.NOTIFICATION, 0) + filed.get(Procedure.APPLICATION, 0)
            rows.append(
                {
                    **region,
                    "appeals": received,
                    "appeals_per_100k": rate(received, population),
                    "signatures": signed,
                    "signatures_per_100k": rate(signed, population),
                    "assemblies": notified,
                    "assemblies_per_100k": rate(notified, population),
                }
            )
        return rows

    return cached("per-capita", period, compute)


FIGURES = ("appeals", "signatures", "assemblies")


def per_capita_table(*, period: Period) -> list[dict[str, Any]]:
    """The rows in the active language, each with a bar per figure (`bar_appeals`, `bar_signatures`,
    `bar_assemblies`) scaled on the figure per 100,000 (the honest comparison between a small region
    and a large city); a region without population data has no bar and shows "—"."""
    rows = localized(per_capita(period=period), "name")
    top = {figure: max((r[f"{figure}_per_100k"] or 0 for r in rows), default=0) for figure in FIGURES}
    return [
        {**r, **{f"bar_{figure}": bar_width(r[f"{figure}_per_100k"] or 0, top[figure]) for figure in FIGURES}}
        for r in rows
    ]


def per_capita_bars(rows: list[dict[str, Any]], figure: str) -> list[dict[str, Any]]:
    """One bar chart's rows (`_bars.html`): the region, its figure per 100,000 and its bar."""
    return [
        {"name": r["name"], "iso_code": r["iso_code"], "count": r[f"{figure}_per_100k"], "bar": r[f"bar_{figure}"]}
        for r in rows
    ]
