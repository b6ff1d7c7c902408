"""Public pages: the dashboard, per-body scorecards, refusals per body and ground, open data."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from tyndau.authorities import selectors as authority_selectors
from tyndau.core.access import public
from tyndau.core.replica import replica_reads
from tyndau.transparency import selectors
from tyndau.transparency.exports import DATASETS
from tyndau.transparency.forms import PeriodForm, ScorecardForm
from tyndau.transparency.selectors.assemblies import assembly_dashboard
from tyndau.transparency.selectors.per_capita import FIGURES, per_capita_bars, per_capita_table
from tyndau.transparency.selectors.period import localized


def _query(request: HttpRequest) -> Any:
    """The GET data, or None on a first visit (so the form is not shown with errors)."""
    return request.GET if request.GET else None


@public
@replica_reads
def index(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(_query(request))
    period = form.period()
    per_capita = per_capita_table(period=period)
    context = {
        "form": form,
        "period": period,
        "figures": selectors.dashboard(period=period),
        "per_capita": per_capita,
        "per_capita_bars": {figure: per_capita_bars(per_capita, figure) for figure in FIGURES},
    }
    return render(request, "transparency/index.html", context)


@public
@replica_reads
def scorecards(request: HttpRequest) -> HttpResponse:
    regions = localized(selectors.region_rows(), "name")
    form = ScorecardForm(_query(request), regions=regions)
    period = form.period()
    filters = form.filters()
    rows = selectors.scorecards_filtered(period=period, filters=filters)
    context = {"form": form, "period": period, "rows": rows, "sort": filters.sort}
    return render(request, "transparency/scorecards.html", context)


@public
@replica_reads
def body(request: HttpRequest, slug: str) -> HttpResponse:
    """One body's figures for a chosen period: the rows its page in the directory shows."""
    found = authority_selectors.body_by_slug(slug=slug)
    if found is None:
        raise Http404
    form = PeriodForm(_query(request))
    period = form.period()
    context = {
        "form": form,
        "period": period,
        "body": found,
        "figures": selectors.body_figures(body=found, period=period),
    }
    return render(request, "transparency/body.html", context)


@public
@replica_reads
def refusals(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(_query(request))
    period = form.period()
    context = {"form": form, "period": period, **selectors.refusal_tables(period=period)}
    return render(request, "transparency/refusals.html", context)


@public
@replica_reads
def assemblies(request: HttpRequest) -> HttpResponse:
    """Peaceful assemblies per akimat: what was received, how the akimat replied, and how fast."""
    form = PeriodForm(_query(request))
    period = form.period()
    query = "?" + urlencode({"date_from": period.date_from.isoformat(), "date_to": period.date_to.isoformat()})
    context = {
        "form": form,
        "period": period,
        "figures": assembly_dashboard(period=period),
        "json_url": reverse("api:transparency-assemblies") + query,
        "csv_url": reverse("api:transparency-assemblies-csv") + query,
        "grounds_csv_url": reverse("api:transparency-assembly_grounds-csv") + query,
    }
    return render(request, "transparency/assemblies.html", context)


@public
@replica_reads
def open_data(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(_query(request))
    period = form.period()
    query = "?" + urlencode({"date_from": period.date_from.isoformat(), "date_to": period.date_to.isoformat()})
    datasets = [
        {
            "title": dataset.title,
            "description": dataset.description,
            "csv_url": reverse(f"api:transparency-{name}-csv") + query,
            "json_url": reverse(f"api:transparency-{name}") + query,
        }
        for name, dataset in DATASETS.items()
    ]
    context = {
        "form": form,
        "period": period,
        "datasets": datasets,
        "summary_url": reverse("api:transparency-summary") + query,
    }
    return render(request, "transparency/open_data.html", context)
