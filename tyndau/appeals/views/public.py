"""Public pages: the appeals home, the register of consented appeals (redacted), body figures."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tyndau.appeals import rules, selectors
from tyndau.appeals.forms import RegisterSearchForm
from tyndau.authorities.models import PublicBody
from tyndau.core.access import public


@public
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "appeals/index.html", {"rules": rules.describe()})


@public
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterSearchForm(request.GET or None)
    filters = selectors.RegisterFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.RegisterFilters(
            q=data["q"],
            region=data["region"].pk if data["region"] else None,
            body=data["body"].pk if data["body"] else None,
            category=data["category"].pk if data["category"] else None,
            status=data["status"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    before = _int(request.GET.get("before"))
    rows = selectors.public_register(filters=filters, before=before)
    query = request.GET.copy()
    query.pop("before", None)
    next_before = rows[-1].pk if len(rows) == selectors.PAGE_SIZE else None
    return render(
        request,
        "appeals/public/register.html",
        {"form": form, "rows": rows, "next_before": next_before, "query": query.urlencode()},
    )


@public
def register_detail(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.public_appeal(number)
    return render(request, "appeals/public/detail.html", {"appeal": appeal, "answer": selectors.public_answer(appeal)})


@public
def body_figures(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(PublicBody, slug=slug)
    return render(request, "appeals/public/figures.html", {"body": body, "figures": selectors.body_figures(body=body)})


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
