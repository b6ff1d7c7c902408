"""The registrar's queue and outcomes. Another body's application answers 404 (selectors) and the
services refuse it (PermissionDenied). No page here writes a charter: the outcomes are register (the
submitted version, by its hash), refuse (grounds and cited clauses) and ask for corrections (proposals)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tyndau.accounts.models import Role
from tyndau.associations import charter, selectors, services
from tyndau.associations.forms import (
    AmendmentRegisterForm,
    CitationFormSet,
    CommentFormSet,
    CorrectionsForm,
    CourtForm,
    RefuseForm,
    RegisterForm,
)
from tyndau.associations.models import Amendment, AmendmentStatus, Application, Status
from tyndau.associations.views._common import show_error
from tyndau.core.access import role_required
from tyndau.core.bounds import bounded_int
from tyndau.core.calendar import local_today
from tyndau.core.errors import DomainError

registrar_only = role_required(Role.REGISTRAR)


@registrar_only
def queue_home(request: HttpRequest) -> HttpResponse:
    body = selectors.registering_bodies_of(request.user).first()
    if body is None:
        raise Http404
    return redirect("associations:queue", body_id=body.pk)


@registrar_only
def queue(request: HttpRequest, body_id: int) -> HttpResponse:
    body = selectors.body_for_registrar(request.user, body_id)
    page = bounded_int(request.GET.get("page"), high=10_000) or 1
    rows = selectors.queue(body=body, offset=(page - 1) * selectors.PAGE_SIZE)
    context = {
        "amendments": selectors.amendment_queue(body=body) if page == 1 else [],
        "body": body,
        "bodies": selectors.registering_bodies_of(request.user),
        "rows": rows,
        "today": local_today(),
        "page": page,
        "has_next": len(rows) == selectors.PAGE_SIZE,
    }
    return render(request, "associations/registrar/queue.html", context)


def _under_review(request: HttpRequest, number: str) -> tuple[Application, list[str], Amendment | None]:
    """The application, the clauses of the version under review, and the amendment under review (None
    for a founding application)."""
    application = selectors.application_for_registrar(request.user, number)
    amendment = selectors.open_amendment(application) if application.status == Status.REGISTERED else None
    version = selectors.version_under_review(application, amendment)
    clauses = [c["number"] for c in charter.clauses(version.content)] if version else []
    return application, clauses, amendment


def _context(application: Application, amendment: Amendment | None, **extra: Any) -> dict[str, Any]:
    return {
        "application": application,
        "amendment": amendment,
        "version": selectors.version_under_review(application, amendment),
        "under_review": application.status == Status.SUBMITTED
        or bool(amendment and amendment.status == AmendmentStatus.SUBMITTED),
        **extra,
    }


@registrar_only
def application_register(request: HttpRequest, number: str) -> HttpResponse:
    application, _clauses, amendment = _under_review(request, number)
    version = selectors.version_under_review(application, amendment)
    initial = {"version_hash": version.content_hash} if version and version.is_submitted else {}
    form_class = AmendmentRegisterForm if amendment is not None else RegisterForm
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if amendment is not None:
                services.amendment_register(
                    actor=request.user, amendment=amendment, version_hash=form.cleaned_data["version_hash"]
                )
            else:
                services.application_register(
                    actor=request.user,
                    application=application,
                    version_hash=form.cleaned_data["version_hash"],
                    bin=form.cleaned_data["bin"],
                )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(
                request,
                _("The amendment is registered on the version the association submitted.")
                if amendment is not None
                else _("The association is registered on the version the applicant submitted."),
            )
            return redirect("associations:detail", number=application.number)
    context = _context(
        application,
        amendment,
        form=form,
        title=_("Register the amendment") if amendment is not None else _("Register the association"),
        submit_label=_("Register"),
    )
    return render(request, "associations/registrar/action.html", context)


@registrar_only
def application_refuse(request: HttpRequest, number: str) -> HttpResponse:
    application, clauses, amendment = _under_review(request, number)
    form = RefuseForm(request.POST or None)
    citations = CitationFormSet(request.POST or None, prefix="c", form_kwargs={"clauses": clauses})
    if request.method == "POST" and form.is_valid() and citations.is_valid():
        rows = [
            services.ClauseCitation(
                ground=f.cleaned_data["ground"], clause=f.cleaned_data["clause"], reason=f.cleaned_data["reason"]
            )
            for f in citations.forms
            if f.cleaned_data.get("ground")
        ]
        try:
            if amendment is not None:
                services.amendment_refuse(
                    actor=request.user,
                    amendment=amendment,
                    grounds=list(form.cleaned_data["legal_grounds"]),
                    citations=rows,
                    reasons=form.cleaned_data["reasons"],
                )
            else:
                services.application_refuse(
                    actor=request.user,
                    application=application,
                    grounds=list(form.cleaned_data["legal_grounds"]),
                    citations=rows,
                    reasons=form.cleaned_data["reasons"],
                )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("The refusal is recorded with its grounds and clauses; the applicant is told."))
            return redirect("associations:detail", number=application.number)
    context = _context(
        application,
        amendment,
        form=form,
        formset=citations,
        formset_legend=_("Clauses cited"),
        title=_("Refuse to register the amendment") if amendment is not None else _("Refuse registration"),
        submit_label=_("Refuse"),
    )
    return render(request, "associations/registrar/action.html", context)


@registrar_only
def application_corrections(request: HttpRequest, number: str) -> HttpResponse:
    application, clauses, amendment = _under_review(request, number)
    form = CorrectionsForm(request.POST or None)
    comments = CommentFormSet(request.POST or None, prefix="p", form_kwargs={"clauses": clauses})
    if request.method == "POST" and form.is_valid() and comments.is_valid():
        rows = [
            services.ClauseComment(
                clause=f.cleaned_data["clause"],
                comment=f.cleaned_data["comment"],
                wording_kk=f.cleaned_data["wording_kk"],
                wording_ru=f.cleaned_data["wording_ru"],
            )
            for f in comments.forms
            if f.cleaned_data.get("clause")
        ]
        try:
            if amendment is not None:
                services.amendment_request_corrections(
                    actor=request.user, amendment=amendment, comments=rows, reasons=form.cleaned_data["reasons"]
                )
            else:
                services.application_request_corrections(
                    actor=request.user, application=application, comments=rows, reasons=form.cleaned_data["reasons"]
                )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("The corrections are sent; the applicant accepts or rejects each one."))
            return redirect("associations:detail", number=application.number)
    context = _context(
        application,
        amendment,
        form=form,
        formset=comments,
        formset_legend=_("Comments on clauses"),
        title=_("Ask for corrections"),
        submit_label=_("Send the corrections"),
    )
    return render(request, "associations/registrar/action.html", context)


@registrar_only
def application_court(request: HttpRequest, number: str) -> HttpResponse:
    """Record a suspension, a resumption or a liquidation by a court decision."""
    application = selectors.application_for_registrar(request.user, number)
    form = CourtForm(request.POST or None)
    action = request.POST.get("to", "") if request.method == "POST" else ""
    calls = {
        Status.SUSPENDED: services.application_suspend,
        Status.REGISTERED: services.application_reinstate,
        Status.LIQUIDATED: services.application_liquidate,
    }
    if request.method == "POST" and form.is_valid() and action in calls:
        try:
            calls[Status(action)](actor=request.user, application=application, note=form.cleaned_data["note"])
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("The court decision is recorded."))
            return redirect("associations:detail", number=application.number)
    context = {"application": application, "form": form, "actions": [(s, Status(s).label) for s in calls]}
    return render(request, "associations/registrar/court.html", context)
