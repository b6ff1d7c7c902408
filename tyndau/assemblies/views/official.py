"""The akimat's queue and replies. Another akimat's request answers 404 (selectors) or is refused by
the service (PermissionDenied) — never acted upon."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tyndau.accounts.models import Role
from tyndau.assemblies import selectors, services
from tyndau.assemblies.forms import AcceptForm, AlternativeForm, ConditionsForm, RefuseForm, where_arguments
from tyndau.assemblies.models import Assembly
from tyndau.assemblies.views._common import bounded_int, show_error
from tyndau.core.access import role_required
from tyndau.core.calendar import local_today
from tyndau.core.errors import DomainError

official_only = role_required(Role.OFFICIAL, Role.SUPERVISOR)


@official_only
def queue_home(request: HttpRequest) -> HttpResponse:
    akimat = selectors.akimats_of(request.user).first()
    if akimat is None:
        raise Http404
    return redirect("assemblies:queue", body_id=akimat.pk)


@official_only
def queue(request: HttpRequest, body_id: int) -> HttpResponse:
    akimat = selectors.akimat_for_official(request.user, body_id)
    page = bounded_int(request.GET.get("page"), maximum=10_000) or 1
    rows = selectors.queue(akimat=akimat, offset=(page - 1) * selectors.PAGE_SIZE)
    context = {
        "akimat": akimat,
        "akimats": selectors.akimats_of(request.user),
        "rows": rows,
        "today": local_today(),
        "page": page,
        "has_next": len(rows) == selectors.PAGE_SIZE,
    }
    return render(request, "assemblies/official/queue.html", context)


def _reply(
    request: HttpRequest,
    number: str,
    form_class: type[forms.Form],
    call: Callable[[Assembly, dict[str, Any]], Any],
    *,
    title: str,
    submit: str,
    done: str,
) -> HttpResponse:
    assembly = selectors.assembly_for_viewer(request.user, number)
    if not selectors.is_akimat_official(request.user, assembly):
        raise Http404
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call(assembly, form.cleaned_data)
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("assemblies:detail", number=assembly.number)
    context = {"assembly": assembly, "form": form, "title": title, "submit_label": submit}
    return render(request, "assemblies/action.html", context)


@official_only
def assembly_accept(request: HttpRequest, number: str) -> HttpResponse:
    return _reply(
        request,
        number,
        AcceptForm,
        lambda a, d: services.assembly_accept(actor=request.user, assembly=a),
        title=_("Accept the request"),
        submit=_("Accept"),
        done=_("The request is accepted; the organiser is told."),
    )


@official_only
def assembly_accept_with_conditions(request: HttpRequest, number: str) -> HttpResponse:
    return _reply(
        request,
        number,
        ConditionsForm,
        lambda a, d: services.assembly_accept_with_conditions(
            actor=request.user, assembly=a, conditions=d["conditions"], reasons=d["reasons"]
        ),
        title=_("Accept with conditions"),
        submit=_("Accept with these conditions"),
        done=_("The request is accepted with conditions; the organiser is told."),
    )


@official_only
def assembly_propose(request: HttpRequest, number: str) -> HttpResponse:
    return _reply(
        request,
        number,
        AlternativeForm,
        lambda a, d: services.assembly_propose_alternative(
            actor=request.user,
            assembly=a,
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            reasons=d["reasons"],
            **where_arguments(d),
        ),
        title=_("Propose another place or time"),
        submit=_("Send the proposal"),
        done=_("The proposal is sent; the organiser accepts or declines it."),
    )


@official_only
def assembly_refuse(request: HttpRequest, number: str) -> HttpResponse:
    return _reply(
        request,
        number,
        RefuseForm,
        lambda a, d: services.assembly_refuse(
            actor=request.user, assembly=a, grounds=list(d["legal_grounds"]), reasons=d["reasons"]
        ),
        title=_("Refuse the request"),
        submit=_("Refuse"),
        done=_("The refusal is recorded with its grounds; the organiser is told."),
    )
