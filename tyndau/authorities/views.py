"""Public pages: the directory of public bodies by region and a page per body."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tyndau.authorities import selectors
from tyndau.authorities.models import PublicBody
from tyndau.core.access import public


@public
def body_list(request: HttpRequest) -> HttpResponse:
    national, by_region = selectors.bodies_by_region()
    selected = request.GET.get("region", "")
    shown = [(region, bodies) for region, bodies in by_region if not selected or region.iso_code == selected]
    context = {
        "national_bodies": national,
        "regions_with_bodies": shown,
        "all_regions": [region for region, _ in by_region],
        "selected_region": selected,
    }
    return render(request, "authorities/body_list.html", context)


@public
def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = selectors.body_detail(slug=slug)
    if body is None:
        raise Http404
    context = {
        "body": body,
        "complaint_route": selectors.higher_body_chain(body=body),
        "competences": list(body.competences.all()),
        "subordinate_bodies": list(body.subordinate_bodies.all()),
        "body_figures": body_figures(body=body),
    }
    return render(request, "authorities/body_detail.html", context)


def body_figures(*, body: PublicBody) -> Sequence[tuple[Any, Any]] | None:
    """Figures other apps publish about a body, shown on its page as (label, value) rows.

    The seam for the transparency app: if `tyndau.transparency.selectors.body_figures(*, body)`
    exists it supplies them; until then the block is simply not rendered.
    """
    try:
        from tyndau.transparency.selectors import body_figures as provider  # type: ignore[attr-defined]
    except ImportError:
        return None
    figures: Sequence[tuple[Any, Any]] | None = provider(body=body)
    return figures
