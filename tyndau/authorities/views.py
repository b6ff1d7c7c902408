"""Public pages: the directory of public bodies by region and a page per body."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tyndau.authorities import figures, selectors
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
        "body_figures": figures.body_figures(body=body),
    }
    return render(request, "authorities/body_detail.html", context)
