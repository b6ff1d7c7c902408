"""Public pages: the dashboard, per-body scorecards, refusals per body and ground, open data."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from tyndau.core.access import public
from tyndau.transparency import selectors
from tyndau.transparency.exports import DATASETS
from tyndau.transparency.forms import PeriodForm, ScorecardForm
from tyndau.transparency.selectors.period import localized


def _query(request: HttpRequest) -> Any:
    """The GET data, or None on a first visit (so the form is not shown with errors)."""
    return request.GET if request.GET else None


@public
def index(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(_query(request))
    period = form.period()
    context = {"form": form, "period": period, "figures": selectors.dashboard(period=period)}
    return render(request, "transparency/index.html", context)


@public
def scorecards(request: HttpRequest) -> HttpResponse:
    regions = localized(selectors.region_rows(), "name")
    form = ScorecardForm(_query(request), regions=regions)
    period = form.period()
    filters = form.filters()
    rows = selectors.scorecards_filtered(period=period, filters=filters)
    context = {"form": form, "period": period, "rows": rows, "sort": filters.sort}
    return render(request, "transparency/scorecards.html", context)


@public
def refusals(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(_query(request))
    period = form.period()
    context = {"form": form, "period": period, **selectors.refusal_tables(period=period)}
    return render(request, "transparency/refusals.html", context)


@public
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
