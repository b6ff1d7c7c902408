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


@router.get(
    "/bodies",
    response=list[BodyRow],
    auth=None,
    summary="Figures per public body (JSON)",
    url_name="transparency-bodies",
)
def bodies(request: HttpRequest, query: Query[PeriodQuery]) -> list[dict[str, Any]]:
    """One record per body that received an appeal or a petition in the period."""
    return DATASETS["bodies"].rows(_period(query))


@router.get(
    "/bodies.csv",
    auth=None,
    summary="Figures per public body (CSV)",
    url_name="transparency-bodies-csv",
    openapi_extra=_csv_doc("bodies"),
)
def bodies_csv(request: HttpRequest, query: Query[PeriodQuery]) -> HttpResponse:
    return _csv("bodies", _period(query))


@router.get(
    "/regions",
    response=list[RegionRow],
    auth=None,
    summary="Appeal figures per region (JSON)",
    url_name="transparency-regions",
)
def regions(request: HttpRequest, query: Query[PeriodQuery]) -> list[dict[str, Any]]:
    """One record per region (ISO 3166-2 code): appeals concerning it."""
    return DATASETS["regions"].rows(_period(query))


@router.get(
    "/regions.csv",
    auth=None,
    summary="Appeal figures per region (CSV)",
    url_name="transparency-regions-csv",
    openapi_extra=_csv_doc("regions"),
)
def regions_csv(request: HttpRequest, query: Query[PeriodQuery]) -> HttpResponse:
    return _csv("regions", _period(query))


@router.get(
    "/per_capita",
    response=list[PerCapitaRow],
    auth=None,
    summary="Appeals, petition signatures and assembly notifications per 100,000 inhabitants, by region (JSON)",
    url_name="transparency-per_capita",
)
def per_capita(request: HttpRequest, query: Query[PeriodQuery]) -> list[dict[str, Any]]:
    """One record per region (ISO 3166-2 code): its population (reference data, with its source), each
    figure raw and per 100,000 inhabitants (null where the population is not known)."""
    return DATASETS["per_capita"].rows(_period(query))


@router.get(
    "/per_capita.csv",
    auth=None,
    summary="Figures per 100,000 inhabitants, by region (CSV)",
    url_name="transparency-per_capita-csv",
    openapi_extra=_csv_doc("per_capita"),
)
def per_capita_csv(request: HttpRequest, query: Query[PeriodQuery]) -> HttpResponse:
    return _csv("per_capita", _period(query))


@router.get(
    "/grounds",
    response=list[GroundRow],
    auth=None,
    summary="Refusals per body and legal ground (JSON)",
    url_name="transparency-grounds",
)
def grounds(request: HttpRequest, query: Query[PeriodQuery]) -> list[dict[str, Any]]:
    """One record per (body, legal ground) cited in a refusal; `body` is empty for rejections at moderation."""
    return DATASETS["grounds"].rows(_period(query))


@router.get(
    "/grounds.csv",
    auth=None,
    summary="Refusals per body and legal ground (CSV)",
    url_name="transparency-grounds-csv",
    openapi_extra=_csv_doc("grounds"),
)
def grounds_csv(request: HttpRequest, query: Query[PeriodQuery]) -> HttpResponse:
    return _csv("grounds", _period(query))


@router.get(
    "/months", response=list[MonthRow], auth=None, summary="Figures per month (JSON)", url_name="transparency-months"
)
def months(request: HttpRequest, query: Query[PeriodQuery]) -> list[dict[str, Any]]:
    """One record per calendar month of the period, empty months included."""
    return DATASETS["months"].rows(_period(query))


@router.get(
    "/months.csv",
    auth=None,
    summary="Figures per month (CSV)",
    url_name="transparency-months-csv",
    openapi_extra=_csv_doc("months"),
)
def months_csv(request: HttpRequest, query: Query[PeriodQuery]) -> HttpResponse:
    return _csv("months", _period(query))


@router.get(
    "/assemblies",
    response=list[AssemblyRow],
    auth=None,
    summary="Peaceful assemblies per akimat (JSON)",
    url_name="transparency-assemblies",
)
def assemblies(request: HttpRequest, query: Query[PeriodQuery]) -> list[dict[str, Any]]:
    """One record per akimat that received a notification or application registered in the period."""
    return DATASETS["assemblies"].rows(_period(query))


@router.get(
    "/assemblies.csv",
    auth=None,
    summary="Peaceful assemblies per akimat (CSV)",
    url_name="transparency-assemblies-csv",
    openapi_extra=_csv_doc("assemblies"),
)
def assemblies_csv(request: HttpRequest, query: Query[PeriodQuery]) -> HttpResponse:
    return _csv("assemblies", _period(query))


@router.get(
    "/assembly_grounds",
    response=list[AssemblyGroundRow],
    auth=None,
    summary="Refused assemblies per akimat and legal ground (JSON)",
    url_name="transparency-assembly_grounds",
)
def assembly_grounds(request: HttpRequest, query: Query[PeriodQuery]) -> list[dict[str, Any]]:
    """One record per (akimat, art. 14 ground) cited in a refusal of a request registered in the period."""
    return DATASETS["assembly_grounds"].rows(_period(query))


@router.get(
    "/assembly_grounds.csv",
    auth=None,
    summary="Refused assemblies per akimat and legal ground (CSV)",
    url_name="transparency-assembly_grounds-csv",
    openapi_extra=_csv_doc("assembly_grounds"),
)
def assembly_grounds_csv(request: HttpRequest, query: Query[PeriodQuery]) -> HttpResponse:
    return _csv("assembly_grounds", _period(query))
