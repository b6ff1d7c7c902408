"""Pages for moderators (queue, decisions, fraud tools) and officials (responses)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from tyndau.accounts.models import Role
from tyndau.accounts.selectors import acts_for_body
from tyndau.core.access import role_required
from tyndau.core.errors import DomainError
from tyndau.petitions import selectors, services
from tyndau.petitions.forms import FraudSearchForm, RejectForm, RespondForm
from tyndau.petitions.models import Status


@role_required(Role.MODERATOR)
def queue(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/moderation_queue.html", {"petitions": selectors.moderation_queue()})


@role_required(Role.MODERATOR)
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_in_moderation(pk=pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        duplicate = selectors.petition_by_number(pk=d.get("duplicate_of"))
        try:
            services.petition_reject(
                actor=request.user, petition=petition, ground=d["ground"], note=d["note"], duplicate_of=duplicate
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The petition was rejected; the creator has been told."))
            return redirect("petitions:moderation")
    similar = selectors.petition_similar(title=petition.title, exclude_pk=petition.pk)
    return render(request, "petitions/moderate.html", {"petition": petition, "form": form, "similar": similar})


@role_required(Role.MODERATOR)
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_in_moderation(pk=pk)
    try:
        services.petition_approve(actor=request.user, petition=petition)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("petitions:moderate", pk=pk)
    messages.success(request, _("The petition was approved and is collecting signatures."))
    return redirect("petitions:moderation")


@role_required(Role.MODERATOR)
def fraud(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_public_get(pk=pk, user=request.user)
    if petition.status == Status.DRAFT:
        raise Http404
    form = FraudSearchForm(request.POST or request.GET or None)
    matches = None
    if form.is_bound and form.is_valid():
        criteria = form.criteria()
        if request.method == "POST":
            try:
                count = services.signatures_invalidate(
                    actor=request.user, petition=petition, criteria=criteria, reason=form.cleaned_data["reason"]
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("%(count)d signatures were invalidated and the petition recounted.") % {"count": count}
                )
                return redirect("petitions:fraud", pk=pk)
        matches = selectors.signatures_matching(petition=petition, **criteria)
    summary = selectors.signature_summary(matches=matches) if matches is not None else None
    return render(
        request,
        "petitions/fraud.html",
        {
            "petition": petition,
            "form": form,
            "summary": summary,
            "invalidations": selectors.invalidations_of(petition=petition),
        },
    )


@role_required(Role.OFFICIAL, Role.SUPERVISOR)
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_public_get(pk=pk, user=request.user)
    if not acts_for_body(request.user, petition.addressee_id):
        raise Http404
    if petition.status != Status.FORWARDED:
        # The body's own official sees why there is nothing to answer (yet, or any more).
        return render(request, "petitions/respond.html", {"petition": petition, "form": None})
    form = RespondForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.petition_respond(
                actor=request.user, petition=petition, outcome=d["outcome"], text=d["text"], ground=d.get("ground")
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The response is published; signers who asked are being e-mailed."))
            return redirect("petitions:detail", pk=pk)
    return render(request, "petitions/respond.html", {"petition": petition, "form": form})
