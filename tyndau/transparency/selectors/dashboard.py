"""The dashboard: appeals and petitions in a period, by kind, region, state and month."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tyndau.appeals.models import Kind
from tyndau.appeals.routing import figures as routing_figures
from tyndau.petitions.models import Status as PetitionStatus
from tyndau.transparency.selectors.appeals import appeal_summary, appeals_by_month, figures
from tyndau.transparency.selectors.bodies import region_rows
from tyndau.transparency.selectors.period import Period, bar_width, cached, localized
from tyndau.transparency.selectors.petitions import petition_summary, petitions_by_month


def dashboard(*, period: Period) -> dict[str, Any]:
    """Every figure of the dashboard, labelled in the active language."""
    appeals = appeal_summary(period=period)
    petitions = petition_summary(period=period)
    by_region = [
        {**region, **appeals["by_region"].get(region["id"], figures({}, None))}
        for region in localized(region_rows(), "name")
    ]
    top_kind = max((row["received"] for row in appeals["by_kind"]), default=0)
    top_region = max((row["received"] for row in by_region), default=0)
    top_state = max((row["count"] for row in petitions["by_state"]), default=0)
    return {
        "appeals": {
            "total": appeals["total"],
            "by_kind": [
                {**row, "label": Kind(row["kind"]).label, "bar": bar_width(row["received"], top_kind)}
                for row in appeals["by_kind"]
            ],
            "by_region": [{**row, "bar": bar_width(row["received"], top_region)} for row in by_region],
        },
        "routing": routing(period=period),
        "petitions": {
            "total": petitions["total"],
            "by_state": [
                {**row, "label": PetitionStatus(row["state"]).label, "bar": bar_width(row["count"], top_state)}
                for row in petitions["by_state"]
            ],
        },
    }


def routing(*, period: Period) -> dict[str, Any]:
    """How often the routing suggestion named the body that answered, and the current model's held-out
    evaluation against the most-common-body baseline (docs/routing.md). Cached."""

    def compute() -> dict[str, Any]:
        return {
            "accuracy": routing_figures.suggestion_accuracy(start=period.start, end=period.end),
            "model": routing_figures.model_metrics(),
        }

    return cached("routing", period, compute)


def _month_starts(period: Period) -> list[dt.date]:
    day = period.date_from.replace(day=1)
    starts = []
    while day <= period.date_to:
        starts.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return starts


def months(*, period: Period) -> list[dict[str, Any]]:
    """One row per calendar month of the period (empty months included). Cached."""

    def compute() -> list[dict[str, Any]]:
        appeals = appeals_by_month(period=period)
        petitions = petitions_by_month(period=period)
        empty_appeals = {"received": 0, "answered": 0, "answered_on_time": 0, "deemed_refusals": 0}
        empty_petitions = {
            "petitions_submitted": 0,
            "petition_signatures": 0,
            "petitions_reached_threshold": 0,
            "petitions_responded": 0,
        }
        rows = []
        for start in _month_starts(period):
            key = start.strftime("%Y-%m")
            appeal_row = appeals.get(key, empty_appeals)
            rows.append(
                {
                    "month": key,
                    **{f"appeals_{name}": value for name, value in appeal_row.items()},
                    **petitions.get(key, empty_petitions),
                }
            )
        return rows

    return cached("months", period, compute)
