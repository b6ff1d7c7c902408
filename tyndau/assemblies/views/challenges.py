"""The challenge route: the organiser's complaint, the higher body's queue and decision."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tyndau.accounts.models import Role
from tyndau.assemblies import selectors, services
from tyndau.assemblies.forms import ChallengeDecisionForm, ChallengeForm
from tyndau.assemblies.views._common import show_error
from tyndau.core.access import role_required, signed_in
from tyndau.core.errors import DomainError

official_only = role_required(Role.OFFICIAL, Role.SUPERVISOR)


@signed_in
def challenge_new(request: HttpRequest, number: str) -> HttpResponse:
    assembly = selectors.assembly_for_viewer(request.user, number)
    if assembly.organiser_id != request.user.pk:
        raise Http404
    form = ChallengeForm(request.POST or None)
    obstacle = services.challenge_obstacle(assembly)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_file(
                actor=request.user,
                assembly=assembly,
                text=form.cleaned_data["text"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("Your complaint is sent to the higher body."))
            return redirect("assemblies:detail", number=assembly.number)
    context = {"assembly": assembly, "form": form, "obstacle": obstacle}
    return render(request, "assemblies/challenge.html", context)


@official_only
def challenge_queue(request: HttpRequest) -> HttpResponse:
    return render(request, "assemblies/official/challenges.html", {"rows": selectors.challenge_queue(request.user)})


@official_only
def challenge_decide(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = selectors.challenge_for_higher_body(request.user, pk)
    form = ChallengeDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_decide(
                actor=request.user,
                challenge=challenge,
                outcome=form.cleaned_data["outcome"],
                text=form.cleaned_data["text"],
                grounds=list(form.cleaned_data["legal_grounds"]),
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("The complaint is decided and the organiser is told."))
            return redirect("assemblies:challenge_queue")
    context = {
        "challenge": challenge,
        "assembly": challenge.assembly,
        "decisions": selectors.decisions_of(challenge.assembly),
        "alternatives": selectors.alternatives_of(challenge.assembly),
        "form": form,
    }
    return render(request, "assemblies/official/challenge_decide.html", context)
