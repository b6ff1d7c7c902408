"""Pages of the accounts app: sign-up, e-mail confirmation, sign-in/out, passwords, cabinet, profile."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.accounts import selectors, services
from tyndau.accounts.errors import AccountsError, IinAlreadyRegistered, IinLocked, VerificationLinkExpired
from tyndau.accounts.forms import (
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    ResendVerificationForm,
    SetPasswordForm,
    SignupForm,
)
from tyndau.accounts.models import Role, User, VerificationMethod
from tyndau.accounts.verification import get_verifier
from tyndau.core.access import public, signed_in
from tyndau.core.errors import DomainError
from tyndau.core.middleware import personal_data
from tyndau.core.work import work_links

IIN_ERRORS = (IinAlreadyRegistered, IinLocked)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("You are signed in."))
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): a link cannot sign anybody out."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        logout(request)
        messages.success(request, _("You have signed out."))
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your new password is set. Sign in with it."))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:dashboard")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


login_view = public(LoginView.as_view())
logout_view = public(LogoutView.as_view())
password_reset = public(PasswordResetView.as_view())
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(personal_data(PasswordResetConfirmView.as_view()))  # a secret link: never cached
password_change = signed_in(PasswordChangeView.as_view())


@public
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    form = SignupForm(request.POST or None, initial={"preferred_language": request.LANGUAGE_CODE[:2]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The same answer whether or not the address already has an account (its owner is told by e-mail).
        services.user_register(
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            patronymic=data["patronymic"],
            preferred_language=data["preferred_language"],
        )
        messages.success(request, _("Check your e-mail: we sent a letter to the address you gave."))
        return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


@public
def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_done.html")


@public
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.user_verify_email(token=token)
    except AccountsError as error:
        expired = isinstance(error, VerificationLinkExpired)
        context = {"error": error, "expired": expired, "form": ResendVerificationForm()}
        return render(request, "accounts/verify_failed.html", context, status=400)
    messages.success(request, _("Thank you: your e-mail address is confirmed."))
    return redirect("accounts:dashboard" if request.user.is_authenticated else "accounts:login")


@public
def resend_verification(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_authenticated and request.method == "POST":
        services.email_verification_resend(email=user.email)  # type: ignore[union-attr]
        messages.success(request, _("If your address still needs confirming, a new link is on its way."))
        return redirect("accounts:dashboard")
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.email_verification_resend(email=form.cleaned_data["email"])
        messages.success(request, _("If an unconfirmed account uses this address, a new link is on its way."))
        return redirect("accounts:login")
    return render(request, "accounts/resend_verification.html", {"form": form})


@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    context = {
        "roles": sorted(user.role_grants.all(), key=lambda g: g.role),
        "profile": selectors.citizen_profile_of(user),
        "is_verified_citizen": selectors.is_verified_citizen(user),
        "memberships": selectors.memberships_of(user),
        # Each cabinet links to its work: an official to each body's appeal queue, a moderator to moderation
        # — only with the role the page requires, so no link answers 403.
        "queue_bodies": selectors.bodies_acted_for(user).order_by("slug")
        if user.has_any_role(Role.OFFICIAL, Role.SUPERVISOR)
        else [],
        "is_moderator": user.has_any_role(Role.MODERATOR),
        "is_citizen": user.has_any_role(Role.CITIZEN),  # "My petitions" opens for citizens only
        "work_links": work_links(user),  # the other apps' queues (tyndau.core.work)
        "demo_verification": get_verifier(VerificationMethod.DEMO).is_available(),
    }
    return render(request, "accounts/dashboard.html", context)


@signed_in
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    current = selectors.citizen_profile_of(user)
    initial = {"phone": current.phone, "address": current.address, "region": current.region} if current else {}
    form = ProfileForm(request.POST or None, initial=initial, has_iin=bool(current and current.has_iin))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.profile_update(
                actor=user,
                user=user,
                iin=data["iin"] or None,
                phone=data["phone"],
                address=data["address"],
                region=data["region"],
            )
        except DomainError as error:
            form.add_error("iin" if isinstance(error, IIN_ERRORS) else None, str(error))
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:dashboard")
    context = {"form": form, "profile": current, "is_verified_citizen": selectors.is_verified_citizen(user)}
    return render(request, "accounts/profile_form.html", context)


@signed_in
@require_POST
def verify_identity(request: HttpRequest, method: str) -> HttpResponseBase:
    user: User = request.user  # type: ignore[assignment]
    if method not in VerificationMethod.values or method == VerificationMethod.EMAIL:
        return redirect("accounts:dashboard")
    try:
        services.identity_verify(actor=user, user=user, method=method, evidence=request.POST.dict())
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your identity is confirmed. You can now sign petitions."))
    return redirect("accounts:dashboard")
