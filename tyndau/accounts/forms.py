"""Forms of the accounts app, rendered with USWDS classes (see templates/accounts/includes/field.html)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tyndau.accounts import services, throttling
from tyndau.accounts.models import User
from tyndau.accounts.phones import normalise_kz_phone
from tyndau.authorities.models import Region
from tyndau.core.bounds import TEXT_PASSWORD
from tyndau.core.forms import FreeTextField, IINField
from tyndau.notifications.limits import within_mail_limits
from tyndau.notifications.services import notify

LANGUAGE_CHOICES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]


class UswdsMixin:
    """Puts USWDS classes on widgets; errors are linked by Django (`<id>_error`, aria-invalid)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "usa-checkbox__input"
            elif isinstance(widget, forms.RadioSelect):
                css = "usa-radio__input"
            elif isinstance(widget, forms.Select):
                css = "usa-select"
            elif isinstance(widget, forms.Textarea):
                css = "usa-textarea"
            else:
                css = "usa-input"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is not None and "usa-input" in field.widget.attrs.get("class", ""):
                field.widget.attrs["class"] += " usa-input--error"


class SignupForm(UswdsMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    first_name = FreeTextField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = FreeTextField(
        label=_("Surname"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    patronymic = FreeTextField(
        label=_("Patronymic"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "additional-name"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of letters and pages"), choices=LANGUAGE_CHOICES, initial="kk"
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=TEXT_PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=TEXT_PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I consent to Tyndau processing my personal data (name and e-mail address) to handle my appeals "
            "and petitions, under the Law of the Republic of Kazakhstan No. 94-V “On personal data and their "
            "protection”."
        ),
        error_messages={"required": _("Tick the box to give your consent: without it we cannot open an account.")},
    )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match. Type the same password twice."))
        elif p1:
            probe = User(
                email=data.get("email", ""), first_name=data.get("first_name", ""), last_name=data.get("last_name", "")
            )
            try:
                validate_password(p1, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


LOCKED_OUT = _(
    "Too many unsuccessful attempts. For your safety, signing in is paused for %(minutes)d minutes. "
    "You can reset your password meanwhile."
)


class ThrottledLogin(auth_forms.AuthenticationForm):
    """Sign-in throttled per e-mail address and per IP (tyndau.accounts.throttling): the portal's and
    the admin's sign-in forms share the counters, so neither is a way around the other."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=TEXT_PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def _locked_error(self) -> ValidationError:
        minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
        return ValidationError(self.error_messages["locked_out"], code="locked_out", params={"minutes": minutes})

    def clean(self) -> dict[str, Any]:
        email = (self.cleaned_data.get("username") or "").strip().lower()
        ip = throttling.client_ip(self.request)
        if email and throttling.is_locked_out(email=email, ip=ip):
            raise self._locked_error()
        try:
            data = super().clean() or {}
        except ValidationError as error:
            if email and error.code == "invalid_login" and throttling.register_failure(email=email, ip=ip):
                raise self._locked_error() from None
            raise
        throttling.register_success(email=email)
        return data


class LoginForm(UswdsMixin, ThrottledLogin):
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or password is not correct. Check them and try again."),
        "locked_out": LOCKED_OUT,
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs["autocomplete"] = "email"


class AdminLoginForm(ThrottledLogin, AdminAuthenticationForm):
    """The admin site's sign-in (admin.site.login_form): the same limits as the portal's."""

    error_messages = {**AdminAuthenticationForm.error_messages, "locked_out": LOCKED_OUT}


class ResendVerificationForm(UswdsMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class ProfileForm(UswdsMixin, forms.Form):
    iin = IINField(
        label=_("IIN"),
        required=False,
        help_text=_("12 digits, from your identity card. We store it encrypted and never show it publicly."),
    )
    phone = FreeTextField(
        label=_("Mobile phone"),
        max_length=20,
        required=False,
        help_text=_("For example +7 701 234 56 78."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    region = forms.ModelChoiceField(
        label=_("Region or city of republican significance"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("— choose —"),
    )
    address = FreeTextField(
        label=_("Address"),
        max_length=300,
        required=False,
        help_text=_("Where answers to your appeals may be sent by post."),
        widget=forms.Textarea(attrs={"autocomplete": "street-address", "rows": 2}),
    )
    consent = forms.BooleanField(
        label=_(
            "I consent to Tyndau processing my IIN, phone number and address to handle my appeals and petitions "
            "(Law No. 94-V “On personal data and their protection”)."
        ),
        error_messages={"required": _("Tick the box to give your consent before saving these details.")},
    )

    def __init__(self, *args: Any, has_iin: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_iin = has_iin
        if has_iin:
            self.fields["iin"].help_text = _("Leave empty to keep the IIN you gave before.")
        else:
            self.fields["iin"].required = True

    def clean_phone(self) -> str:
        return normalise_kz_phone(self.cleaned_data.get("phone") or "")


class PasswordResetForm(UswdsMixin, auth_forms.PasswordResetForm):
    """Django's reset flow, with the letter rendered in the person's language and sent by notify()."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        if not within_mail_limits("password_reset", recipients=[to_email]):
            return  # silently: the page says the same whatever happens (no account enumeration)
        user = context["user"]
        with translation.override(user.preferred_language):
            path = reverse(
                "accounts:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
            )
        notify(
            to=user,
            template="accounts/email/password_reset",
            context={"user": user, "reset_url": settings.SITE_URL + path},
        )


def _new_password(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        max_length=TEXT_PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class SetPasswordForm(UswdsMixin, auth_forms.SetPasswordForm):
    via = "reset"
    new_password1 = _new_password(_("New password"))
    new_password2 = _new_password(_("New password again"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _("At least 10 characters; not only digits and not a common password.")
        self.fields["new_password2"].label = _("New password again")

    def save(self, commit: bool = True) -> Any:
        services.user_set_password(user=self.user, password=self.cleaned_data["new_password1"], via=self.via)
        return self.user


class PasswordChangeForm(SetPasswordForm, auth_forms.PasswordChangeForm):
    via = "change"
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        max_length=TEXT_PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
