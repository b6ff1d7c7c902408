"""The results page of the one search box in the header: every kind with counts, or one kind paged."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tyndau.core.access import public
from tyndau.core.bounds import bounded_int
from tyndau.core.replica import replica_reads
from tyndau.search import selectors

MAX_PAGE = selectors.CANDIDATES // selectors.PAGE_SIZE


@public
@replica_reads
def index(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    kind = kind if kind in selectors.SOURCES else ""
    page = bounded_int(request.GET.get("page"), high=MAX_PAGE) or 1
    context: dict[str, Any] = {"query": raw[: selectors.MAX_QUERY * 2], "kind": kind, "page": page}
    try:
        terms = selectors.parse(raw)
    except selectors.QueryError as error:
        context["error"] = error.message
        return render(request, "search/index.html", context, status=400)
    if terms is None:
        return render(request, "search/index.html", context)
    context["query"] = terms.text
    if kind:
        group = selectors.search_kind(terms, kind=kind, page=page)
        context["group"] = group
        context["has_next"] = page * selectors.PAGE_SIZE < group.count
        context["has_previous"] = page > 1
    else:
        groups = selectors.search_all(terms)
        context["groups"] = groups
        context["total"] = sum(g.count for g in groups)
        context["capped"] = any(g.capped for g in groups)
        context["per_group"] = selectors.PER_GROUP
    return render(request, "search/index.html", context)
