"""Public pages: the home with the rules, the registry, one association's record with every charter
version and every refusal, one version clause by clause with its diff, per-registrar figures. No
founder's or head's personal data is read for any of them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tyndau.associations import charter, rules, selectors
from tyndau.associations.forms import RegistryFilterForm
from tyndau.core.access import public
from tyndau.core.bounds import bounded_int


@public
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "rules": rules.describe(),
        "sections": [str(label) for label in rules.REQUIRED_SECTIONS.values()],
        "forms": [(label, rules.min_founders(code)) for code, label in selectors.form_choices()],
    }
    return render(request, "associations/index.html", context)


@public
def registry(request: HttpRequest) -> HttpResponse:
    form = RegistryFilterForm(request.GET or None)
    status, body = None, None
    if form.is_bound and form.is_valid():
        status = form.cleaned_data["status"] or None
        body = form.cleaned_data["body"].pk if form.cleaned_data["body"] else None
    rows = selectors.public_registry(before=bounded_int(request.GET.get("before")), status=status, body=body)
    query = request.GET.copy()
    query.pop("before", None)
    next_before = rows[-1].pk if len(rows) == selectors.PAGE_SIZE else None
    context = {"form": form, "rows": rows, "next_before": next_before, "query": query.urlencode()}
    return render(request, "associations/public/registry.html", context)


@public
def registry_detail(request: HttpRequest, number: str) -> HttpResponse:
    application = selectors.public_application(number)
    context = {
        "application": application,
        "versions": selectors.versions_of(application, submitted_only=True),
        "current": selectors.current_version(application),
        "reviews": selectors.reviews_of(application),
        "amendments": selectors.amendments_of(application),
        "activity": selectors.public_activity_of(application),
    }
    return render(request, "associations/public/detail.html", context)


@public
def version_detail(request: HttpRequest, number: str, version: int) -> HttpResponse:
    application = selectors.public_application(number)
    row = selectors.version_of(application, version)
    previous, changes = selectors.version_diff(row)
    rows = [
        {
            "change": c,
            "kk": charter.word_diff(c.old_kk, c.new_kk) if c.kind == "changed" else [],
            "ru": charter.word_diff(c.old_ru, c.new_ru) if c.kind == "changed" else [],
        }
        for c in changes
        if c.kind != "same"
    ]
    context = {
        "application": application,
        "version": row,
        "previous": previous,
        "changes": rows,
        "sections": row.content.get("sections", []),
    }
    return render(request, "associations/public/version.html", context)


@public
def figures(request: HttpRequest) -> HttpResponse:
    context = {"rows": selectors.registrar_figures(), "grounds": selectors.refusals_by_ground()}
    return render(request, "associations/public/figures.html", context)
