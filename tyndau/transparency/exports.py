"""Open data: the aggregated figures as flat tables (CSV) and lists of records (JSON).

Only aggregates and public identifiers (ISO region codes, body slugs, legal-ground codes):
no row here is about a person, and no free text entered by a person is ever included.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from tyndau.core.bounds import csv_cell
from tyndau.transparency import selectors
from tyndau.transparency.selectors import Period
from tyndau.transparency.selectors.appeals import appeal_summary
from tyndau.transparency.selectors.appeals import figures as appeal_figures
from tyndau.transparency.selectors.assemblies import assembly_figures
from tyndau.transparency.selectors.per_capita import per_capita

APPEAL_COLUMNS = (
    "received",
    "answered",
    "answered_on_time",
    "on_time_rate",
    "overdue",
    "deemed_refusals",
    "refused",
    "partly",
    "median_working_days",
    "median_calendar_days",
)
PETITION_COLUMNS = (
    "submitted",
    "signatures",
    "reached_threshold",
    "responded",
    "responded_on_time",
    "on_time_rate",
    "overdue_responses",
    "refused_responses",
    "rejected",
)


def _period_columns(period: Period) -> dict[str, str]:
    return {"period_from": period.date_from.isoformat(), "period_to": period.date_to.isoformat()}


def body_rows(period: Period) -> list[dict[str, Any]]:
    rows = []
    for card in sorted(selectors.scorecards(period=period), key=lambda r: r["slug"]):
        row: dict[str, Any] = {
            **_period_columns(period),
            "body": card["slug"],
            "body_kind": card["kind"],
            "body_level": card["level"],
            "region": card["region_iso"],
            "name_kk": card["name_kk"],
            "name_ru": card["name_ru"],
            "name_en": card["name_en"],
        }
        row.update({f"appeals_{c}": card["appeals"][c] for c in APPEAL_COLUMNS})
        row.update({f"petitions_{c}": card["petitions"][c] for c in PETITION_COLUMNS})
        row["refusals_citing_grounds"] = card["refusals_citing_grounds"]
        row["systemic_answers_overdue"] = card["public_answers"]["overdue"]
        rows.append(row)
    return rows


def region_rows(period: Period) -> list[dict[str, Any]]:
    by_region = appeal_summary(period=period)["by_region"]
    empty = appeal_figures({}, None)
    rows = []
    for region in selectors.region_rows():
        figures = by_region.get(region["id"], empty)
        row: dict[str, Any] = {
            **_period_columns(period),
            "region": region["iso_code"],
            "name_kk": region["name_kk"],
            "name_ru": region["name_ru"],
            "name_en": region["name_en"],
        }
        row.update({f"appeals_{c}": figures[c] for c in APPEAL_COLUMNS})
        rows.append(row)
    return rows


def ground_rows(period: Period) -> list[dict[str, Any]]:
    data = selectors.refusals(period=period)
    rows = []
    for item in data["by_body"] + _moderation(data):
        ground = data["grounds"][item["ground_id"]]
        body = data["bodies"].get(item["body_id"]) if item["body_id"] else None
        rows.append(
            {
                **_period_columns(period),
                "body": body["slug"] if body else "",
                "ground": ground["code"],
                "ground_domain": ground["domain"],
                "law": ground["law"],
                "article": ground["article"],
                "appeal_refusals": item["appeal_refused"],
                "appeal_partial_refusals": item["appeal_partly"],
                "petition_refusals": item["petition_refused"],
                "petition_rejections_at_moderation": item["petition_rejected"],
                "total": item["total"],
            }
        )
    return sorted(rows, key=lambda r: (r["body"], r["ground"]))


def _moderation(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Rejections at moderation: counted per ground, without a body."""
    return [
        {
            "body_id": None,
            "ground_id": r["ground_id"],
            "appeal_refused": 0,
            "appeal_partly": 0,
            "petition_refused": 0,
            "petition_rejected": r["petition_rejected"],
            "total": r["petition_rejected"],
        }
        for r in data["by_ground"]
        if r["petition_rejected"]
    ]


def month_rows(period: Period) -> list[dict[str, Any]]:
    return [{**_period_columns(period), **row} for row in selectors.months(period=period)]


ASSEMBLY_COLUMNS = (
    "received",
    "notifications",
    "applications",
    "accepted",
    "accepted_with_conditions",
    "alternatives_proposed",
    "alternatives_accepted",
    "refused",
    "refusal_rate",
    "held_as_notified",
    "unanswered",
    "silence_rate",
    "stopped",
    "withdrawn",
    "replied",
    "median_reply_working_days",
)


def assembly_rows(period: Period) -> list[dict[str, Any]]:
    """Peaceful assemblies per akimat: one row per akimat that received a notification or application."""
    rows = []
    for akimat in assembly_figures(period=period)["akimats"]:
        row: dict[str, Any] = {**_period_columns(period), "body": akimat["body"], "region": akimat["region"]}
        row.update({name: akimat[name] for name in NAMES})
        row.update({column: akimat[column] for column in ASSEMBLY_COLUMNS})
        rows.append(row)
    return rows


def assembly_ground_rows(period: Period) -> list[dict[str, Any]]:
    """Refusals of peaceful assemblies per akimat and art. 14 ground."""
    return [
        {
            **_period_columns(period),
            "body": akimat["body"],
            "ground": ground["ground"],
            "law": ground["law"],
            "article": ground["article"],
            "refused": ground["refused"],
        }
        for akimat in assembly_figures(period=period)["akimats"]
        for ground in akimat["refused_by_ground"]
    ]


def per_capita_rows(period: Period) -> list[dict[str, Any]]:
    return [
        {
            **_period_columns(period),
            "region": row["iso_code"],
            **{name: row[name] for name in NAMES},
            "population": row["population"],
            "population_source": row["population_source"],
            **{name: row[name] for name in PER_CAPITA_FIGURES},
        }
        for row in per_capita(period=period)
    ]


PER_CAPITA_FIGURES = (
    "appeals",
    "appeals_per_100k",
    "signatures",
    "signatures_per_100k",
    "assemblies",
    "assemblies_per_100k",
)


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Any
    description: Any
    rows: Callable[[Period], list[dict[str, Any]]]


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset("bodies", _("Per body"), _("Appeal and petition figures of every body that received any."), body_rows),
        Dataset("regions", _("Per region"), _("Appeal figures by the region the appeal concerns."), region_rows),
        Dataset(
            "per_capita",
            _("Per 100,000 inhabitants, by region"),
            _(
                "Appeals received, signatures to petitions by the signer's region and assembly notifications, "
                "each raw and per 100,000 inhabitants of the region."
            ),
            per_capita_rows,
        ),
        Dataset(
            "grounds", _("Per body and legal ground"), _("Refusals citing each legal ground, per body."), ground_rows
        ),
        Dataset("months", _("Per month"), _("Appeals received and petitions submitted, per month."), month_rows),
        Dataset(
            "assemblies",
            _("Peaceful assemblies per akimat"),
            _("Notifications and applications received, the akimat's replies, silence and median reply time."),
            assembly_rows,
        ),
        Dataset(
            "assembly_grounds",
            _("Refused assemblies per akimat and legal ground"),
            _("Refusals of peaceful assemblies citing each ground of art. 14, per akimat."),
            assembly_ground_rows,
        ),
    )
}


PERIOD = ("period_from", "period_to")
NAMES = ("name_kk", "name_ru", "name_en")
COLUMNS: dict[str, tuple[str, ...]] = {
    "bodies": (
        *PERIOD,
        "body",
        "body_kind",
        "body_level",
        "region",
        *NAMES,
        *(f"appeals_{c}" for c in APPEAL_COLUMNS),
        *(f"petitions_{c}" for c in PETITION_COLUMNS),
        "refusals_citing_grounds",
        "systemic_answers_overdue",
    ),
    "regions": (*PERIOD, "region", *NAMES, *(f"appeals_{c}" for c in APPEAL_COLUMNS)),
    "grounds": (
        *PERIOD,
        "body",
        "ground",
        "ground_domain",
        "law",
        "article",
        "appeal_refusals",
        "appeal_partial_refusals",
        "petition_refusals",
        "petition_rejections_at_moderation",
        "total",
    ),
    "months": (
        *PERIOD,
        "month",
        "appeals_received",
        "appeals_answered",
        "appeals_answered_on_time",
        "appeals_deemed_refusals",
        "petitions_submitted",
        "petition_signatures",
        "petitions_reached_threshold",
        "petitions_responded",
    ),
}


COLUMNS["per_capita"] = (*PERIOD, "region", *NAMES, "population", "population_source", *PER_CAPITA_FIGURES)
COLUMNS["assemblies"] = (*PERIOD, "body", "region", *NAMES, *ASSEMBLY_COLUMNS)
COLUMNS["assembly_grounds"] = (*PERIOD, "body", "ground", "law", "article", "refused")


def to_csv(dataset: str, rows: list[dict[str, Any]]) -> str:
    """The rows as CSV with a header (also when there are no rows); empty cells for unknown values."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[dataset], lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows({k: "" if v is None else csv_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()
