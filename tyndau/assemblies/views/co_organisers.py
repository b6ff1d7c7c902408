"""A request with co-organisers (art. 2): the organiser's draft page, and each co-organiser's
invitations, confirmed from their own account. The request is submitted only when all have confirmed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tyndau.assemblies import selectors, services
from tyndau.assemblies.forms import NotifyForm
from tyndau.assemblies.views._common import draft_data, draft_summary
from tyndau.core.access import signed_in
from tyndau.core.errors import DomainError


@signed_in
def draft(request: HttpRequest, key: str) -> HttpResponse:
    found = selectors.draft_for_organiser(request.user, key)
    if found.assembly is not None:
        return redirect("assemblies:detail", number=found.assembly.number)
    co_organisers = selectors.co_organisers_of(found)
    form = NotifyForm(draft_data(found.payload))
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("The request no longer passes the checks: prepare it again."))
        else:
            try:
                assembly = services.assembly_notify(
                    actor=request.user, language=get_language() or "kk", draft=found, **form.notify_kwargs()
                )
            except DomainError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Your request is registered. Keep the number."))
                return redirect("assemblies:receipt", number=assembly.number)
    context = {
        "draft": found,
        "co_organisers": co_organisers,
        "all_confirmed": all(c.confirmed_at for c in co_organisers),
        **draft_summary(found.payload),
    }
    return render(request, "assemblies/draft.html", context)


@signed_in
def invitations(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        raw = request.POST.get("invitation", "")
        pk = int(raw) if raw.isdigit() and len(raw) < 12 else 0
        invitation = selectors.invitation_for(request.user, pk)
        try:
            services.co_organiser_confirm(actor=request.user, co_organiser=invitation)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("You confirmed that you co-organise this assembly."))
        return redirect("assemblies:invitations")
    context = {
        "rows": [{"invitation": i, **draft_summary(i.draft.payload)} for i in selectors.invitations_for(request.user)]
    }
    return render(request, "assemblies/invitations.html", context)
