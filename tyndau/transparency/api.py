"""Open data of the transparency pages: aggregated figures as JSON and CSV.

Mounted at /api/v1/transparency/ by config/api.py. Public and read-only (auth=None). Only
aggregates and public identifiers (ISO region codes, body slugs, legal-ground codes) — never
personal data. Every operation takes an optional period (`date_from`, `date_to`, ISO dates,
default: the last 12 months) and is served from a cache refreshed every few minutes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from tyndau.core.bounds import BoundedDate
from tyndau.transparency.exports import COLUMNS, DATASETS, to_csv
from tyndau.transparency.forms import PeriodForm
from tyndau.transparency.selectors import Period
from tyndau.transparency.selectors.appeals import appeal_summary
from tyndau.transparency.selectors.bodies import region_rows
from tyndau.transparency.selectors.petitions import petition_summary

router = Router(tags=["transparency"])


class PeriodQuery(Schema):
    date_from: BoundedDate | None = None
    date_to: BoundedDate | None = None


class PeriodOut(Schema):
    date_from: dt.date
    date_to: dt.date


class AppealFigures(Schema):
    received: int
    answered: int
    answered_on_time: int
    on_time_rate: float | None
    overdue: int
    deemed_refusals: int
    refused: int
    partly: int
    median_working_days: float | None
    median_calendar_days: float | None


class AppealKindFigures(AppealFigures):
    kind: str


class AppealRegionFigures(AppealFigures):
    region: str


class PetitionFigures(Schema):
    submitted: int
    signatures: int
    reached_threshold: int
    responded: int
    responded_on_time: int
    on_time_rate: float | None
    overdue_responses: int
    refused_responses: int
    rejected: int


class PetitionStateCount(Schema):
    state: str
    count: int


class AppealsSummary(Schema):
    total: AppealFigures
    by_kind: list[AppealKindFigures]
    by_region: list[AppealRegionFigures]


class PetitionsSummary(Schema):
    total: PetitionFigures
    by_state: list[PetitionStateCount]


class SummaryOut(Schema):
    period: PeriodOut
    appeals: AppealsSummary
    petitions: PetitionsSummary


class BodyRow(Schema):
    period_from: dt.date
    period_to: dt.date
    body: str
    body_kind: str
    body_level: str
    region: str
    name_kk: str
    name_ru: str
    name_en: str
    appeals_received: int
    appeals_answered: int
    appeals_answered_on_time: int
    appeals_on_time_rate: float | None
    appeals_overdue: int
    appeals_deemed_refusals: int
    appeals_refused: int
    appeals_partly: int
    appeals_median_working_days: float | None
    appeals_median_calendar_days: float | None
    petitions_submitted: int
    petitions_signatures: int
    petitions_reached_threshold: int
    petitions_responded: int
    petitions_responded_on_time: int
    petitions_on_time_rate: float | None
    petitions_overdue_responses: int
    petitions_refused_responses: int
    petitions_rejected: int
    refusals_citing_grounds: int
    systemic_answers_overdue: int


class RegionRow(Schema):
    period_from: dt.date
    period_to: dt.date
    region: str
    name_kk: str
    name_ru: str
    name_en: str
    appeals_received: int
    appeals_answered: int
    appeals_answered_on_time: int
    appeals_on_time_rate: float | None
    appeals_overdue: int
    appeals_deemed_refusals: int
    appeals_refused: int
    appeals_partly: int
    appeals_median_working_days: float | None
    appeals_median_calendar_days: float | None


class GroundRow(Schema):
    period_from: dt.date
    period_to: dt.date
    body: str
    ground: str
    ground_domain: str
    law: str
    article: str
    appeal_refusals: int
    appeal_partial_refusals: int
    petition_refusals: int
    petition_rejections_at_moderation: int
    total: int


class MonthRow(Schema):
    period_from: dt.date
    period_to: dt.date
    month: str
    appeals_received: int
    appeals_answered: int
    appeals_answered_on_time: int
    appeals_deemed_refusals: int
    petitions_submitted: int
    petition_signatures: int
    petitions_reached_threshold: int
    petitions_responded: int


class AssemblyRow(Schema):
    period_from: dt.date
    period_to: dt.date
    body: str
    region: str
    name_kk: str
    name_ru: str
    name_en: str
    received: int
    notifications: int
    applications: int
    accepted: int
    accepted_with_conditions: int
    alternatives_proposed: int
    alternatives_accepted: int
    refused: int
    refusal_rate: float | None
    held_as_notified: int
    unanswered: int
    silence_rate: float | None
    stopped: int
    withdrawn: int
    replied: int
    median_reply_working_days: float | None


class AssemblyGroundRow(Schema):
    period_from: dt.date
    period_to: dt.date
    body: str
    ground: str
    law: str
    article: str
    refused: int


class PerCapitaRow(Schema):
    period_from: dt.date
    period_to: dt.date
    region: str
    name_kk: str
    name_ru: str
    name_en: str
    population: int
    population_source: str
    appeals: int
    appeals_per_100k: float | None
    signatures: int
    signatures_per_100k: float | None
    assemblies: int
    assemblies_per_100k: float | None


def _period(query: PeriodQuery) -> Period:
    data = {key: value.isoformat() for key, value in query.dict().items() if value is not None}
    form = PeriodForm(data or None)
    if data and not form.is_valid():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        raise HttpError(422, " ".join(messages))
    return form.period()


def _csv(dataset: str, period: Period) -> HttpResponse:
    body = to_csv(dataset, DATASETS[dataset].rows(period))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"tyndau-{dataset}-{period.date_from.isoformat()}-{period.date_to.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _csv_doc(dataset: str) -> dict[str, Any]:
    columns = ", ".join(COLUMNS[dataset])
    return {
        "responses": {
            # An int, as Ninja's own keys: "200" beside Ninja's 200 would be a duplicate key in the JSON
            # schema, which Swagger UI (and any strict parser) refuses.
            200: {
                "description": f"CSV with a header row. Columns: {columns}.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    }


@router.get(
    "/summary", response=SummaryOut, auth=None, summary="The dashboard figures", url_name="transparency-summary"
)
def summary(request: HttpRequest, query: Query[PeriodQuery]) -> dict[str, Any]:
    """Appeals (totals, by kind, by region) and e-petitions (totals, by state) in the period."""
    period = _period(query)
    appeals = appeal_summary(period=period)
    petitions = petition_summary(period=period)
    regions = {r["id"]: r["iso_code"] for r in region_rows()}
    return {
        "period": {"date_from": period.date_from, "date_to": period.date_to},
        "appeals": {
            "total": appeals["total"],
            "by_kind": appeals["by_kind"],
            "by_region": [
                {"region": regions[rid], **row} for rid, row in appeals["by_region"].items() if rid in regions
            ],
        },
        "petitions": petitions,
    }


# The datasets served as JSON and CSV: name, row schema, title, what one record is. Each gets the two
# endpoints /<name> and /<name>.csv (url names transparency-<name> and transparency-<name>-csv).
DATASET_ENDPOINTS: tuple[tuple[str, type[Schema], str, str], ...] = (
    (
        "bodies",
        BodyRow,
        "Figures per public body",
        "One record per body that received an appeal or a petition in the period.",
    ),
    (
        "regions",
        RegionRow,
        "Appeal figures per region",
        "One record per region (ISO 3166-2 code): appeals concerning it.",
    ),
    (
        "per_capita",
        PerCapitaRow,
        "Appeals, petition signatures and assembly notifications per 100,000 inhabitants, by region",
        "One record per region (ISO 3166-2 code): its population (reference data, with its source), each figure "
        "raw and per 100,000 inhabitants (null where the population is not known).",
    ),
    (
        "grounds",
        GroundRow,
        "Refusals per body and legal ground",
        "One record per (body, legal ground) cited in a refusal; `body` is empty for rejections at moderation.",
    ),
    ("months", MonthRow, "Figures per month", "One record per calendar month of the period, empty months included."),
    (
        "assemblies",
        AssemblyRow,
        "Peaceful assemblies per akimat",
        "One record per akimat that received a notification or application registered in the period.",
    ),
    (
        "assembly_grounds",
        AssemblyGroundRow,
        "Refused assemblies per akimat and legal ground",
        "One record per (akimat, art. 14 ground) cited in a refusal of a request registered in the period.",
    ),
)


def _dataset_endpoints(name: str, row: type[Schema], title: str, description: str) -> None:
    """Register the JSON and the CSV endpoint of one dataset (operation ids as the hand-written ones had)."""

    def as_json(request: HttpRequest, query: Query[PeriodQuery]) -> list[dict[str, Any]]:
        return DATASETS[name].rows(_period(query))

    def as_csv(request: HttpRequest, query: Query[PeriodQuery]) -> HttpResponse:
        return _csv(name, _period(query))

    as_json.__doc__ = description
    router.get(
        f"/{name}",
        response=list[row],  # type: ignore[valid-type]
        auth=None,
        summary=f"{title} (JSON)",
        url_name=f"transparency-{name}",
        operation_id=f"tyndau_transparency_api_{name}",
    )(as_json)
    router.get(
        f"/{name}.csv",
        auth=None,
        summary=f"{title} (CSV)",
        url_name=f"transparency-{name}-csv",
        operation_id=f"tyndau_transparency_api_{name}_csv",
        openapi_extra=_csv_doc(name),
    )(as_csv)


for _endpoint in DATASET_ENDPOINTS:
    _dataset_endpoints(*_endpoint)
