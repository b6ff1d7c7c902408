"""Accredited observers: attach a monitoring report to an event after its date.

Only the observer role reaches these pages (403 for others); an observer sees the public record and
their own report, never the organiser's or the steward's personal data.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tyndau.accounts.models import Role
from tyndau.assemblies import selectors, services
from tyndau.assemblies.forms import ObserverReportForm
from tyndau.assemblies.views._common import show_error
from tyndau.core.access import role_required
from tyndau.core.errors import DomainError


@role_required(Role.OBSERVER)
def observer_report(request: HttpRequest, number: str) -> HttpResponse:
    assembly = selectors.public_assembly(number)
    own = selectors.observer_report_of(assembly, request.user)
    form = ObserverReportForm(request.POST or None)
    if own is None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.observer_report_submit(
                actor=request.user,
                assembly=assembly,
                held=data["held"],
                interventions=data["interventions"],
                detentions_reported=data["detentions_reported"],
                notes=data["notes"],
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("Your monitoring report is attached to the public record."))
            return redirect("assemblies:register_detail", number=assembly.number)
    context = {"assembly": assembly, "form": form, "own": own, "too_early": not selectors.event_has_begun(assembly)}
    return render(request, "assemblies/observe.html", context)
