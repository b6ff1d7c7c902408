"""Public pages: the assemblies home with the rules, the register, one request's public record."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.assemblies import ical, rules, selectors, services
from tyndau.assemblies.forms import RegisterFilterForm
from tyndau.assemblies.views._common import bounded_int
from tyndau.core.access import public


@public
def index(request: HttpRequest) -> HttpResponse:
    context = {"rules": rules.describe(), "earliest": selectors.earliest_dates_today()}
    return render(request, "assemblies/index.html", context)


@public
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    akimat = None
    if form.is_bound and form.is_valid() and form.cleaned_data["akimat"]:
        akimat = form.cleaned_data["akimat"].pk
    rows = selectors.public_register(before=bounded_int(request.GET.get("before")), akimat=akimat)
    query = request.GET.copy()
    query.pop("before", None)
    next_before = rows[-1].pk if len(rows) == selectors.PAGE_SIZE else None
    context = {"form": form, "rows": rows, "next_before": next_before, "query": query.urlencode()}
    return render(request, "assemblies/public/register.html", context)


@public
def register_detail(request: HttpRequest, number: str) -> HttpResponse:
    assembly = selectors.public_assembly(number)
    context = {
        "assembly": assembly,
        "decisions": selectors.decisions_of(assembly),
        "alternatives": selectors.alternatives_of(assembly),
        "conditions": rules.CONDITIONS,
        "observer_reports": selectors.observer_reports(assembly),
        "challenges": selectors.challenges_of(assembly),
        "is_observer": services.is_observer(request.user),
    }
    return render(request, "assemblies/public/detail.html", context)


def _calendar_filter(request: HttpRequest) -> tuple[RegisterFilterForm, int | None]:
    """The per-city filter: the akimat of a city or district (the same choices as the register)."""
    form = RegisterFilterForm(request.GET or None)
    akimat = None
    if form.is_bound and form.is_valid() and form.cleaned_data["akimat"]:
        akimat = form.cleaned_data["akimat"].pk
    return form, akimat


@public
def calendar(request: HttpRequest) -> HttpResponse:
    form, akimat = _calendar_filter(request)
    feed_url = reverse("assemblies:calendar_feed") + (f"?akimat={akimat}" if akimat else "")
    context = {"form": form, "rows": selectors.upcoming(akimat=akimat), "feed_url": feed_url}
    return render(request, "assemblies/public/calendar.html", context)


@public
def calendar_feed(request: HttpRequest) -> HttpResponse:
    _form, akimat = _calendar_filter(request)
    body = ical.feed(
        selectors.upcoming(akimat=akimat),
        link=lambda number: request.build_absolute_uri(reverse("assemblies:register_detail", args=[number])),
        name=_("Peaceful assemblies"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="assemblies.ics"'
    return response
