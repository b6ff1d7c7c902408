"""Pages of intermediaries' help.

Intermediaries' pages: `role:intermediary` and THE predicate `selectors.accreditation_of` (403 without a
live accreditation); a consent is found only among the intermediary's own (404 otherwise). The citizen's
pages list only their own consents. The organisations' page shows counts only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpPermissionDenied
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.accounts.models import Role
from tyndau.accounts.selectors import user_by_email
from tyndau.appeals.selectors import appeals_by_numbers
from tyndau.assemblies.errors import OverCapacity
from tyndau.assemblies.selectors import assemblies_by_numbers
from tyndau.core.access import role_required, signed_in
from tyndau.core.bounds import bounded_int
from tyndau.core.errors import DomainError
from tyndau.intermediaries import rules, selectors, services
from tyndau.intermediaries.errors import NoConsent
from tyndau.intermediaries.forms import (
    AppealForCitizenForm,
    AssemblyForCitizenForm,
    ConfirmForm,
    GrantForm,
    ScanForm,
    SignForm,
    StartForm,
)
from tyndau.intermediaries.models import HelpedCase

View = Callable[..., HttpResponse]


def intermediary_only(view: View) -> View:
    """The intermediary role (declared for the access matrix) and a live accreditation (THE predicate)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        accreditation = selectors.accreditation_of(request.user)
        if accreditation is None:
            raise HttpPermissionDenied
        request.accreditation = accreditation  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return role_required(Role.INTERMEDIARY)(wrapped)


def _button(request: HttpRequest, call: Callable[[], Any], success: str, to: str, **kwargs: Any) -> HttpResponse:
    """A POST button: the service's refusal or the success as a message, then back to the page."""
    try:
        call()
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect(to, **kwargs)


def _show(form: forms.Form, exc: DomainError | ValidationError) -> None:
    if isinstance(exc, ValidationError):
        form.add_error(None, exc)
        return
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, str(exc))


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    accreditation = selectors.accreditation_of(request.user)
    context = {
        "accreditation": accreditation,
        "form": StartForm() if accreditation else None,
        "consents": selectors.consents_of_intermediary(request.user) if accreditation else [],
        "given": selectors.consents_of_citizen(request.user),
        "manages": bool(selectors.organisation_counts(request.user)),
        "rules": rules.describe(),
    }
    return render(request, "intermediaries/home.html", context)


@intermediary_only
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            consent = services.consent_request(
                actor=request.user, iin=data["iin"], channel=data["channel"], share_answers=data["share_answers"]
            )
        except DomainError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("The code is on its way to the citizen. Ask them to read it to you."))
            return redirect("intermediaries:consent", ref=consent.ref)
    accreditation = request.accreditation  # type: ignore[attr-defined]
    context = {"accreditation": accreditation, "form": form, "consents": [], "given": [], "rules": rules.describe()}
    return render(request, "intermediaries/home.html", context, status=400)


def _consent_context(request: HttpRequest, consent: Any, **extra: Any) -> dict[str, Any]:
    cases = selectors.cases_of(consent)
    see_answers = selectors.may_see_answers(consent)
    appeals: dict[str, Any] = {}
    assemblies: dict[str, Any] = {}
    if see_answers:
        appeals = appeals_by_numbers([c.reference for c in cases if c.kind == HelpedCase.Kind.APPEAL])
        assemblies = assemblies_by_numbers([c.reference for c in cases if c.kind == HelpedCase.Kind.ASSEMBLY])
    rows = [
        {
            "case": c,
            "appeal": appeals.get(c.reference) if c.kind == HelpedCase.Kind.APPEAL else None,
            "assembly": assemblies.get(c.reference) if c.kind == HelpedCase.Kind.ASSEMBLY else None,
        }
        for c in cases
    ]
    return {
        "consent": consent,
        "contact": services.masked_contact(consent),
        "may_act": selectors.may_act(consent),
        "see_answers": see_answers,
        "rows": rows,
        "confirm_form": extra.pop("confirm_form", None) or ConfirmForm(),
        **extra,
    }


@intermediary_only
def consent(request: HttpRequest, ref: str) -> HttpResponse:
    found = selectors.consent_for_intermediary(request.user, ref)
    return render(request, "intermediaries/consent.html", _consent_context(request, found))


@intermediary_only
@require_POST
def confirm(request: HttpRequest, ref: str) -> HttpResponse:
    found = selectors.consent_for_intermediary(request.user, ref)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.consent_confirm(actor=request.user, consent=found, code=form.cleaned_data["code"])
        except DomainError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("Consent confirmed. You may now act for the citizen."))
            return redirect("intermediaries:consent", ref=found.ref)
    found.refresh_from_db()
    context = _consent_context(request, found, confirm_form=form)
    return render(request, "intermediaries/consent.html", context, status=400)


@intermediary_only
@require_POST
def resend(request: HttpRequest, ref: str) -> HttpResponse:
    found = selectors.consent_for_intermediary(request.user, ref)
    return _button(
        request,
        lambda: services.consent_resend(actor=request.user, consent=found),
        _("A new code is on its way to the citizen."),
        "intermediaries:consent",
        ref=found.ref,
    )


@intermediary_only
def scanned(request: HttpRequest) -> HttpResponse:
    form = ScanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.consent_scan(
                actor=request.user, iin=form.cleaned_data["iin"], upload=form.cleaned_data["scan"]
            )
        except (DomainError, ValidationError) as exc:
            _show(form, exc)
        else:
            messages.success(request, _("The scanned consent is recorded."))
            return redirect("intermediaries:consent", ref=found.ref)
    return render(request, "intermediaries/scanned.html", {"form": form}, status=400 if form.errors else 200)


def _act(
    request: HttpRequest,
    ref: str,
    *,
    form: forms.Form,
    template: str,
    act: Callable[[Any, Any], str],
) -> HttpResponse:
    """One shape for every act for a citizen: the consent must allow it, the form is kept on a refusal,
    `act(consent, form)` calls the service and returns the success message."""
    found = selectors.consent_for_intermediary(request.user, ref)
    if not selectors.may_act(found):
        messages.error(request, str(NoConsent()))
        return redirect("intermediaries:consent", ref=found.ref)
    if request.method == "POST" and form.is_valid():
        try:
            message = act(found, form)
        except DomainError as exc:
            _show(form, exc)
            if isinstance(exc, OverCapacity) and isinstance(form, AssemblyForCitizenForm):
                form.show_capacity_confirmation()
        else:
            messages.success(request, message)
            return redirect("intermediaries:consent", ref=found.ref)
    return render(request, template, {"form": form, "consent": found})


@intermediary_only
def appeal_new(request: HttpRequest, ref: str) -> HttpResponse:
    def act(consent: Any, form: Any) -> str:
        kwargs = form.file_kwargs() | {"language": get_language() or "kk"}
        appeal = services.appeal_file_for(actor=request.user, consent=consent, **kwargs)
        return _("The appeal %(number)s is registered in the citizen's account. The citizen gets the receipt.") % {
            "number": appeal.number
        }

    form = AppealForCitizenForm(request.POST or None, request.FILES or None)
    return _act(request, ref, form=form, template="intermediaries/appeal_new.html", act=act)


@intermediary_only
def sign(request: HttpRequest, ref: str) -> HttpResponse:
    def act(consent: Any, form: Any) -> str:
        services.petition_sign_for(actor=request.user, consent=consent, petition_id=form.cleaned_data["petition"])
        return _("The petition is signed in the citizen's name.")

    form = SignForm(request.POST or None, initial={"petition": bounded_int(request.GET.get("petition"))})
    return _act(request, ref, form=form, template="intermediaries/sign.html", act=act)


@intermediary_only
def assembly_new(request: HttpRequest, ref: str) -> HttpResponse:
    def act(consent: Any, form: Any) -> str:
        kwargs = form.notify_kwargs() | {"language": get_language() or "kk"}
        assembly = services.assembly_notify_for(actor=request.user, consent=consent, **kwargs)
        return _("The request %(number)s is registered in the citizen's account. The citizen gets the receipt.") % {
            "number": assembly.number
        }

    form = AssemblyForCitizenForm(request.POST or None)
    return _act(request, ref, form=form, template="intermediaries/assembly_new.html", act=act)


# --- The citizen's own page ----------------------------------------------------------------


@signed_in
def given(request: HttpRequest) -> HttpResponse:
    return render(request, "intermediaries/given.html", {"consents": selectors.consents_of_citizen(request.user)})


@signed_in
@require_POST
def withdraw(request: HttpRequest, ref: str) -> HttpResponse:
    found = selectors.consent_for_citizen(request.user, ref)
    return _button(
        request,
        lambda: services.consent_withdraw(actor=request.user, consent=found),
        _("Consent withdrawn. The intermediary can no longer act for you or see answers."),
        "intermediaries:given",
    )


@signed_in
@require_POST
def sharing(request: HttpRequest, ref: str) -> HttpResponse:
    found = selectors.consent_for_citizen(request.user, ref)
    share = request.POST.get("share_answers") == "1"
    return _button(
        request,
        lambda: services.consent_set_sharing(actor=request.user, consent=found, share_answers=share),
        _("Your choice is saved."),
        "intermediaries:given",
    )


# --- Organisations -------------------------------------------------------------------------


@signed_in
def organisations(request: HttpRequest) -> HttpResponse:
    associations = list(selectors.managed_associations(request.user)[:200])
    centres = list(selectors.managed_service_centres(request.user)[:200])
    if not associations and not centres:
        # A signed-in person who manages nothing learns who does, and sees no figures.
        return render(request, "intermediaries/organisations.html", {"manages": False})
    form = GrantForm(request.POST or None, associations=associations, service_centres=centres)
    if request.method == "POST" and form.is_valid():
        helper = user_by_email(form.cleaned_data["email"])
        try:
            if helper is None or not helper.is_active:
                form.add_error("email", _("No active account has this e-mail address."))
            else:
                services.accreditation_grant(actor=request.user, user=helper, **form.organisation_kwargs())
                messages.success(request, _("The helper is accredited."))
                return redirect("intermediaries:organisations")
        except DomainError as exc:
            _show(form, exc)
    context = {
        "manages": True,
        "rows": selectors.organisation_counts(request.user),
        "accreditations": selectors.accreditations_managed_by(request.user),
        "form": form,
    }
    return render(request, "intermediaries/organisations.html", context, status=400 if form.errors else 200)


@signed_in
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    accreditation = selectors.accreditation_for_manager(request.user, pk)
    return _button(
        request,
        lambda: services.accreditation_revoke(actor=request.user, accreditation=accreditation),
        _("The accreditation has ended."),
        "intermediaries:organisations",
    )
