"""The organiser's pages: notify or apply, receipt, own requests, answer a proposal, withdraw, outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tyndau.assemblies import rules, selectors, services
from tyndau.assemblies.errors import OverCapacity
from tyndau.assemblies.forms import NotifyForm, OutcomeForm
from tyndau.assemblies.models import ALLOWED_TRANSITIONS, OUTCOMES, Status
from tyndau.assemblies.views._common import bounded_int, draft_payload, draft_summary, show_error
from tyndau.audit.selectors import timeline_for
from tyndau.core.access import signed_in
from tyndau.core.calendar import local_today
from tyndau.core.errors import DomainError


@signed_in
def assembly_new(request: HttpRequest) -> HttpResponse:
    form = NotifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["co_organisers"].strip():
                # A group: keep the request until every co-organiser confirms from their own account.
                draft = services.draft_create(
                    actor=request.user,
                    key=data["idempotency_key"],
                    payload=draft_payload(request.POST),
                    co_organisers=services.parse_co_organisers(data["co_organisers"], organiser=request.user),
                )
                messages.success(request, _("Your request is kept until every co-organiser confirms."))
                return redirect("assemblies:draft", key=draft.key)
            assembly = services.assembly_notify(
                actor=request.user, language=get_language() or "kk", **form.notify_kwargs()
            )
        except DomainError as exc:
            show_error(form, exc)
            if isinstance(exc, OverCapacity):
                form.show_capacity_confirmation()
        else:
            messages.success(request, _("Your request is registered. Keep the number."))
            return redirect("assemblies:receipt", number=assembly.number)
    context = {
        "form": form,
        "earliest": selectors.earliest_dates_today(),
        "can_organise": services.can_organise(request.user),
        "hours": rules.permitted_hours(),
    }
    return render(request, "assemblies/new.html", context)


@signed_in
def receipt(request: HttpRequest, number: str) -> HttpResponse:
    assembly = selectors.assembly_for_viewer(request.user, number)
    return render(request, "assemblies/receipt.html", {"assembly": assembly})


@signed_in
def my_assemblies(request: HttpRequest) -> HttpResponse:
    rows = selectors.assemblies_of(request.user, before=bounded_int(request.GET.get("before")))
    next_before = rows[-1].pk if len(rows) == selectors.PAGE_SIZE else None
    waiting = [
        {
            "draft": d,
            "confirmed": sum(1 for c in d.co_organisers.all() if c.confirmed_at),
            "named": len(d.co_organisers.all()),
            **draft_summary(d.payload),
        }
        for d in selectors.waiting_drafts_of(request.user)
    ]
    return render(request, "assemblies/mine.html", {"rows": rows, "next_before": next_before, "waiting": waiting})


@signed_in
def assembly_detail(request: HttpRequest, number: str) -> HttpResponse:
    assembly = selectors.assembly_for_viewer(request.user, number)
    is_organiser = assembly.organiser_id == request.user.pk
    is_official = selectors.is_akimat_official(request.user, assembly)
    context = {
        "assembly": assembly,
        "is_organiser": is_organiser,
        "is_official": is_official,
        "decisions": selectors.decisions_of(assembly),
        "alternatives": selectors.alternatives_of(assembly),
        "pending": selectors.pending_alternative(assembly),
        "timeline": _with_deliveries(list(timeline_for(assembly)), selectors.deliveries_of(assembly)),
        "can_withdraw": is_organiser and Status.WITHDRAWN in _allowed(assembly.status),
        "can_record_outcome": bool(OUTCOMES & _allowed(assembly.status))
        and local_today() >= selectors.event_date(assembly),
        "conditions": rules.CONDITIONS,
        "challenges": selectors.challenges_of(assembly),
        "can_challenge": is_organiser and services.challenge_obstacle(assembly) is None,
    }
    return render(request, "assemblies/detail.html", context)


def _with_deliveries(timeline: list[Any], deliveries: list[dict[str, Any]]) -> list[Any]:
    """The audit timeline with the outbox's delivery times of the akimat's replies, in time order."""
    return sorted([*timeline, *deliveries], key=lambda e: e["occurred_at"] if isinstance(e, dict) else e.occurred_at)


def _allowed(status: str) -> set[str]:
    return ALLOWED_TRANSITIONS.get(status, set())


@signed_in
def assembly_withdraw(request: HttpRequest, number: str) -> HttpResponse:
    assembly = selectors.assembly_for_viewer(request.user, number)
    if request.method == "POST":
        try:
            services.assembly_withdraw(actor=request.user, assembly=assembly)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The request is withdrawn."))
    return redirect("assemblies:detail", number=assembly.number)


@signed_in
def alternative_respond(request: HttpRequest, number: str) -> HttpResponse:
    assembly = selectors.assembly_for_viewer(request.user, number)
    if request.method == "POST":
        accept = request.POST.get("answer") == "accept"
        try:
            if accept:
                services.alternative_accept(actor=request.user, assembly=assembly)
            else:
                services.alternative_decline(actor=request.user, assembly=assembly)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("You accepted the proposal.")
                if accept
                else _("You declined the proposal. Your original request stands and the akimat must reply again."),
            )
    return redirect("assemblies:detail", number=assembly.number)


@signed_in
def assembly_outcome(request: HttpRequest, number: str) -> HttpResponse:
    assembly = selectors.assembly_for_viewer(request.user, number)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assembly_record_outcome(
                actor=request.user,
                assembly=assembly,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                grounds=list(form.cleaned_data["legal_grounds"]),
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("What happened is recorded."))
            return redirect("assemblies:detail", number=assembly.number)
    context = {"assembly": assembly, "form": form, "title": _("Record what happened"), "submit_label": _("Record")}
    return render(request, "assemblies/action.html", context)
