"""Forms of e-petitions: every field validated with a translated message."""

from __future__ import annotations

import datetime as dt
import ipaddress
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tyndau.authorities.models import LegalGround, PublicBody, Region
from tyndau.core.bounds import TEXT_LONG, validate_date
from tyndau.core.calendar import local_today
from tyndau.core.forms import FreeTextField
from tyndau.core.identity import age_on, parse_iin
from tyndau.petitions import rules, selectors
from tyndau.petitions.fraud import email_domain, is_disposable
from tyndau.petitions.models import Outcome, Petition


class AddresseeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


def addressee_queryset() -> Any:
    """The Government, regional akimats and maslikhats, and those of district towns over 50,000."""
    local_kinds = [PublicBody.Kind.AKIMAT, PublicBody.Kind.MASLIHAT]
    return (
        PublicBody.objects.filter(is_active=True)
        .filter(
            Q(kind=PublicBody.Kind.GOVERNMENT)
            | Q(kind__in=local_kinds, level=PublicBody.Level.REGIONAL)
            | Q(
                kind__in=local_kinds,
                level=PublicBody.Level.DISTRICT,
                population__gte=rules.value("district_town_min_population"),
            )
        )
        .select_related("region")
        .order_by("level", "region__iso_code", "kind", "slug")
    )


class PetitionDraftForm(forms.Form):
    title = FreeTextField(
        label=_("Title"), max_length=200, min_length=10, help_text=_("One sentence: what should change.")
    )
    request_text = FreeTextField(
        label=_("What the petition asks for"), max_length=3000, min_length=30, widget=forms.Textarea(attrs={"rows": 5})
    )
    background = FreeTextField(
        label=_("Background"), max_length=6000, required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    addressee = AddresseeField(
        label=_("Addressee"),
        queryset=PublicBody.objects.none(),
        help_text=_("National matters go to the Government; a region's or town's matters to its akimat or maslikhat."),
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = addressee_queryset()  # type: ignore[attr-defined]
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = uuid.uuid4()

    def clean_addressee(self) -> Any:
        body = self.cleaned_data["addressee"]
        if rules.threshold_for(body) is None:
            raise ValidationError(_("This body does not receive petitions."), code="not_addressee")
        return body


class RegionField(forms.ModelChoiceField):
    """A region choice validated against the regions the selectors keep in memory, so that a
    signing POST costs no query; the same values are valid and invalid ones get the same message.
    The choices of the rendered <select> still come from the queryset."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, Region):
            value = value.pk
        try:
            region = selectors.region_by_pk(int(str(value)))
        except (TypeError, ValueError):
            region = None
        if region is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return region


class SignForm(forms.Form):
    first_name = FreeTextField(label=_("First name"), max_length=80)
    last_name = FreeTextField(label=_("Surname"), max_length=80)
    iin = FreeTextField(label=_("IIN"), max_length=14, help_text=_("12 digits. It is never shown to anyone."))
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, help_text=_("We send a link there; your signature counts once you open it.")
    )
    region = RegionField(label=_("Region where you live"), queryset=Region.objects.none())
    show_name = forms.BooleanField(label=_("Show my first name and surname initial among the signers"), required=False)
    notify_on_response = forms.BooleanField(label=_("E-mail me when the body responds"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.order_by("name_kk")  # type: ignore[attr-defined]
        self.fields["iin"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})

    def clean_iin(self) -> str:
        return _checked_iin(self.cleaned_data["iin"])

    def clean_email(self) -> str:
        return _checked_email(self.cleaned_data["email"])


def _checked_iin(value: str) -> str:
    info = parse_iin(value)
    today = local_today()
    if age_on(info, today) < rules.value("minimum_signer_age"):
        raise ValidationError(_("Only adult citizens may sign a petition."), code="age")
    if age_on(info, today) > 120:
        raise ValidationError(_("The birth date in this IIN is not plausible."), code="age")
    return info.number


def _checked_email(email: str) -> str:
    if is_disposable(email_domain(email)):
        raise ValidationError(_("Addresses of throw-away e-mail services are not accepted."), code="disposable")
    return email


class OneStepSignForm(forms.Form):
    show_name = forms.BooleanField(label=_("Show my first name and surname initial among the signers"), required=False)
    notify_on_response = forms.BooleanField(label=_("E-mail me when the body responds"), required=False)


def petition_grounds() -> Any:
    """The active legal grounds of the petitions domain (never an appeal's)."""
    return LegalGround.objects.filter(domain=LegalGround.Domain.PETITIONS, is_active=True).order_by("code")


def ground_label(ground: LegalGround) -> str:
    """A ground as a person can tell it apart: its meaning in the active language, then its citation."""
    return f"{ground.text} ({ground})"


class RejectForm(forms.Form):
    ground = forms.ModelChoiceField(label=_("Ground for the rejection"), queryset=LegalGround.objects.none())
    duplicate_of = forms.IntegerField(label=_("Number of the petition it duplicates"), required=False, min_value=1)
    note = FreeTextField(
        label=_("Explanation for the creator"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].queryset = petition_grounds()  # type: ignore[attr-defined]
        self.fields["ground"].label_from_instance = ground_label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ground = data.get("ground")
        if ground is not None and "duplicate" in ground.code:
            number = data.get("duplicate_of")
            if not number or not Petition.objects.filter(pk=number).exists():
                self.add_error("duplicate_of", _("Give the number of an existing petition."))
        return data


class RespondForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    text = FreeTextField(
        label=_("Reasoned response"), min_length=50, max_length=TEXT_LONG, widget=forms.Textarea(attrs={"rows": 10})
    )
    ground = forms.ModelChoiceField(
        label=_("Legal ground for a refusal"),
        required=False,
        queryset=LegalGround.objects.none(),
        help_text=_("Required when the petition is refused, fully or partly."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].queryset = petition_grounds()  # type: ignore[attr-defined]
        self.fields["ground"].label_from_instance = ground_label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") in (Outcome.REFUSED, Outcome.PARTLY) and not data.get("ground"):
            self.add_error("ground", _("A refusal, full or partial, must cite its legal ground."))
        return data


class FraudSearchForm(forms.Form):
    domain = FreeTextField(label=_("E-mail domain"), required=False, max_length=255)
    ip_range = FreeTextField(label=_("IP address or range (CIDR)"), required=False, max_length=50)
    since = forms.DateTimeField(
        label=_("Signed from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        validators=[validate_date],
    )
    until = forms.DateTimeField(
        label=_("Signed until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        validators=[validate_date],
    )
    reason = FreeTextField(label=_("Reason (required to invalidate)"), required=False, max_length=2000)

    def clean_ip_range(self) -> str:
        value = self.cleaned_data["ip_range"].strip()
        if value:
            try:
                ipaddress.ip_network(value, strict=False)
            except ValueError:
                raise ValidationError(_("Enter an IP address or a range like 10.0.0.0/24."), code="ip") from None
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if isinstance(since, dt.datetime) and isinstance(until, dt.datetime) and since > until:
            self.add_error("until", _("The end of the window must be after its start."))
        return data

    def criteria(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k) for k in ("domain", "ip_range", "since", "until")}
