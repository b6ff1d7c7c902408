"""Public pages: the appeals home, the register of consented appeals (redacted)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tyndau.accounts.models import Role
from tyndau.appeals import rules, selectors, services
from tyndau.appeals.errors import FixLinkInvalid
from tyndau.appeals.forms import FixReportForm, NearbyForm, RegisterSearchForm
from tyndau.core.access import public
from tyndau.core.bounds import bounded_int as _int
from tyndau.core.preview_image import png_response, render_card
from tyndau.core.replica import replica_reads


@public
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    # The work queue is linked only for those it opens for (official_only), never as a 403 for a citizen.
    is_official = user.is_authenticated and user.has_any_role(Role.OFFICIAL, Role.SUPERVISOR)
    return render(request, "appeals/index.html", {"rules": rules.describe(), "is_official": is_official})


def register_filters(request: HttpRequest) -> tuple[RegisterSearchForm, selectors.RegisterFilters]:
    """The register's search form and the filters it gives (the page and its Atom feed share them)."""
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
    return form, filters


@public
@replica_reads
def register(request: HttpRequest) -> HttpResponse:
    form, filters = register_filters(request)
    before = _int(request.GET.get("before"))
    rows = selectors.public_register(filters=filters, before=before)
    query = request.GET.copy()
    query.pop("before", None)
    next_before = rows[-1].pk if len(rows) == selectors.PAGE_SIZE else None
    return render(
        request,
        "appeals/public/register.html",
        {"form": form, "rows": rows, "next_before": next_before, "query": query.urlencode(), "filters": filters},
    )


@public
@replica_reads
def register_detail(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.public_appeal(number)
    context = {
        "appeal": appeal,
        "answer": selectors.public_answer(appeal),
        "point": selectors.public_point_of(appeal),
        "page_url": request.build_absolute_uri(reverse("appeals:register_detail", args=[number])),
        "image_url": request.build_absolute_uri(reverse("appeals:register_preview", args=[number])),
    }
    return render(request, "appeals/public/detail.html", context)


@public
@replica_reads
def nearby(request: HttpRequest) -> HttpResponse:
    """Published appeals around a point: a form (point + radius) and a list; the map is an enhancement."""
    form = NearbyForm(request.GET or None)
    found = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        found = selectors.published_near(
            latitude=float(data["latitude"]), longitude=float(data["longitude"]), radius_km=data["radius"]
        )
    return render(request, "appeals/public/nearby.html", {"form": form, "found": found})


@public
def register_preview(request: HttpRequest, number: str) -> HttpResponse:
    """The link-preview image of a published appeal: its published (redacted) text, status and body."""
    appeal = selectors.public_appeal(number)
    kicker = _("Appeal %(number)s") % {"number": appeal.number}
    figure = f"{appeal.get_status_display()} · {appeal.body.name}"

    def draw() -> bytes:
        title = Truncator(" ".join(appeal.public_text.split())).chars(160)
        return render_card(title=title, figure=figure, site=_("Tyndau"), kicker=kicker)

    answered = int(appeal.answered_at.timestamp()) if appeal.answered_at else ""  # no spaces in a cache key
    key = f"appeals:preview:{appeal.number}:{appeal.status}:{get_language()}:{answered}"
    return png_response(request, key=key, draw=draw, max_age=3600)


@public
def body_figures(request: HttpRequest, slug: str) -> HttpResponse:
    """The old address of a body's figures: they are defined once, on the transparency page."""
    return redirect("transparency:body", slug=slug, permanent=True)


@public
def fixed(request: HttpRequest, token: str) -> HttpResponse:
    """ "Was it fixed?": the signed link e-mailed to the applicant weeks after a satisfied answer."""
    try:
        report = services.fix_report_for_token(token)
    except FixLinkInvalid:
        return render(request, "appeals/public/fixed_bad_link.html", status=404)
    form = FixReportForm(request.POST if request.method == "POST" and report.answered_at is None else None)
    if form.is_bound and form.is_valid():
        try:
            report = services.fix_report_answer(
                token=token, answer=form.cleaned_data["answer"], comment=form.cleaned_data["comment"]
            )
        except FixLinkInvalid:
            return render(request, "appeals/public/fixed_bad_link.html", status=404)
        return redirect("appeals:fixed", token=token)
    return render(
        request,
        "appeals/public/fixed.html",
        {"report": report, "form": form, "submit_label": _("Send the answer")},
        status=400 if form.errors else 200,
    )
