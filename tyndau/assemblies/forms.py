"""Forms of peaceful assemblies: every field validated with a translated message, every free text
bounded, map points inside Kazakhstan."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from tyndau.assemblies import rules
from tyndau.assemblies.errors import RouteInvalid
from tyndau.assemblies.models import AssemblyForm, Challenge, Means, ObserverReport, PlaceKind, Status
from tyndau.assemblies.services.places import COMPARED
from tyndau.authorities.models import LegalGround, PublicBody
from tyndau.core.bounds import coordinate_validator
from tyndau.core.calendar import KZ_TZ
from tyndau.core.forms import FreeTextField
from tyndau.core.identity import validate_bin

PHONE = RegexValidator(r"^\+?[0-9 ()-]{10,20}$", _("Enter a phone number like +7 701 123 45 67."))
MAX_PARTICIPANTS = 1_000_000


class IdempotentForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())


class PlaceTimeMixin(forms.Form):
    """Place (description and an optional map point in Kazakhstan), date, start and end."""

    place_description = FreeTextField(label=_("Place"), max_length=300)
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        validators=[coordinate_validator("latitude")],  # Kazakhstan's box, with its clear message
        help_text=_("Optional map point, for example 43.238949."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        validators=[coordinate_validator("longitude")],
        help_text=_("Optional map point, for example 76.889709."),
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None) and "latitude" not in self.errors and "longitude" not in self.errors:
            self.add_error("longitude", _("Give both the latitude and the longitude, or neither."))
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            data["starts_at"] = dt.datetime.combine(day, start, tzinfo=KZ_TZ)
            data["ends_at"] = dt.datetime.combine(day, end, tzinfo=KZ_TZ)
            opens, closes = rules.permitted_hours()
            if end <= start:
                self.add_error("end_time", _("The end must be after the start."))
            elif start < opens or end > closes:
                self.add_error(
                    "end_time",
                    _("Assemblies are held between %(opens)s and %(closes)s.")
                    % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")},
                )
        return data


class WhereMixin(forms.Form):
    """Where (issue #12): a specialised place of the maslikhat, another place, or a route — for the
    organiser's request and for the akimat's proposal alike."""

    place_kind = forms.ChoiceField(
        label=_("Where"), choices=PlaceKind.choices, initial=PlaceKind.OTHER, widget=forms.RadioSelect
    )
    specialised_place = forms.TypedChoiceField(
        label=_("Specialised place"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Name (city), capacity, permitted hours — from the maslikhat's register."),
    )
    route = FreeTextField(
        label=_("Route"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a march or demonstration: one point a line, latitude and longitude, e.g. 43.2389, 76.8897."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from tyndau.assemblies.selectors import place_labels

        choices: list[tuple[Any, str]] = [("", str(_("— choose a specialised place —")))]
        field = self.fields["specialised_place"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = choices + list(place_labels().items())
        self.fields["place_description"].required = False
        self.fields["place_description"].help_text = _(
            "For another place: where exactly. For a route: where it starts and ends."
        )

    def clean_route(self) -> list[tuple[Decimal, Decimal]]:
        text = self.cleaned_data.get("route") or ""
        points: list[tuple[Decimal, Decimal]] = []
        for line in text.splitlines():
            if not line.strip():
                continue
            parts = [p for p in line.replace(";", ",").replace(" ", ",").split(",") if p]
            try:
                lat, lon = (Decimal(parts[0]), Decimal(parts[1])) if len(parts) == 2 else (None, None)
            except InvalidOperation:
                lat = lon = None
            if lat is None or lon is None or not lat.is_finite() or not lon.is_finite():
                raise forms.ValidationError(RouteInvalid.default_message)
            if not rules.in_kazakhstan(lat, lon):
                raise forms.ValidationError(RouteInvalid.default_message)
            points.append((lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))))
        if points and not rules.ROUTE_MIN_POINTS <= len(points) <= rules.ROUTE_MAX_POINTS:
            raise forms.ValidationError(RouteInvalid.default_message)
        return points

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data["place_kind"] = data.get("place_kind") or PlaceKind.OTHER
        if kind == PlaceKind.SPECIALISED and not data.get("specialised_place"):
            self.add_error("specialised_place", _("Choose a specialised place."))
        if kind == PlaceKind.ROUTE and not data.get("route") and "route" not in self.errors:
            self.add_error("route", RouteInvalid.default_message)
        if kind in (PlaceKind.OTHER, PlaceKind.ROUTE) and not (data.get("place_description") or "").strip():
            self.add_error("place_description", _("Describe the place."))
        return data

    def where_kwargs(self) -> dict[str, Any]:
        return where_arguments(self.cleaned_data)


def where_arguments(d: dict[str, Any]) -> dict[str, Any]:
    """The place arguments of the services (`place`, `route`, description and map point) from a cleaned
    `WhereMixin` form: only those of the kind of place chosen."""
    from tyndau.assemblies.selectors import place_by_id

    kind = d.get("place_kind") or PlaceKind.OTHER
    return {
        "place_description": d["place_description"],
        "latitude": d["latitude"] if kind == PlaceKind.OTHER else None,
        "longitude": d["longitude"] if kind == PlaceKind.OTHER else None,
        "place": place_by_id(d["specialised_place"]) if kind == PlaceKind.SPECIALISED else None,
        "route": d["route"] if kind == PlaceKind.ROUTE else [],
    }


class NotifyForm(IdempotentForm, WhereMixin, PlaceTimeMixin):
    form = forms.ChoiceField(label=_("Form of the assembly"), choices=AssemblyForm.choices, widget=forms.RadioSelect)
    akimat = forms.ModelChoiceField(
        label=_("Akimat of the city or district"),
        queryset=PublicBody.objects.filter(kind=PublicBody.Kind.AKIMAT, is_active=True).order_by("level", "slug"),
        empty_label=_("— choose the akimat —"),
    )
    purpose = FreeTextField(label=_("Purpose"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    expected_participants = forms.IntegerField(
        label=_("Expected number of participants"), min_value=1, max_value=MAX_PARTICIPANTS
    )
    means = forms.MultipleChoiceField(
        label=_("Means you will use"), choices=Means.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    steward_name = FreeTextField(
        label=_("Steward's name"),
        max_length=150,
        help_text=_("Shown only to you and the akimat, never publicly."),
    )
    steward_phone = forms.CharField(label=_("Steward's phone"), max_length=30, validators=[PHONE])
    organisation_name = FreeTextField(
        label=_("Organisation (if you act for a legal entity)"),
        max_length=200,
        required=False,
        help_text=_("The name of a legal entity is published with the request; a person's name never is."),
    )
    over_capacity_confirmed = forms.BooleanField(
        label=_("I know more participants are expected than the place holds, and I still submit"),
        required=False,
        widget=forms.HiddenInput,
    )
    organisation_bin = forms.CharField(
        label=_("BIN of the organisation"),
        max_length=20,
        required=False,
        validators=[validate_bin],
        help_text=_("Required when you act for a legal entity: 12 digits, checked."),
    )
    co_organisers = FreeTextField(
        label=_("Co-organisers"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional: the IIN or e-mail of each co-organiser, one a line. Each confirms from their own account "
            "before the request is submitted."
        ),
    )

    def show_capacity_confirmation(self) -> None:
        self.fields["over_capacity_confirmed"].widget = forms.CheckboxInput()

    def notify_kwargs(self) -> dict[str, Any]:
        """The service's keyword arguments from the cleaned form (without actor and language)."""
        d = self.cleaned_data
        return {
            "idempotency_key": d["idempotency_key"],
            "form": d["form"],
            "akimat": d["akimat"],
            "purpose": d["purpose"],
            **self.where_kwargs(),
            "starts_at": d["starts_at"],
            "ends_at": d["ends_at"],
            "expected_participants": d["expected_participants"],
            "over_capacity_confirmed": d["over_capacity_confirmed"],
            "means": d["means"],
            "steward_name": d["steward_name"],
            "steward_phone": d["steward_phone"],
            "organisation_name": d["organisation_name"],
            "organisation_bin": d["organisation_bin"],
        }

    field_order = [
        "form",
        "akimat",
        "purpose",
        "place_kind",
        "specialised_place",
        "route",
        "place_description",
        "latitude",
        "longitude",
        "date",
        "start_time",
        "end_time",
        "expected_participants",
        "over_capacity_confirmed",
        "means",
        "steward_name",
        "steward_phone",
        "organisation_name",
        "organisation_bin",
        "co_organisers",
        "idempotency_key",
    ]


class ConditionsForm(forms.Form):
    conditions = forms.MultipleChoiceField(
        label=_("Conditions"),
        choices=[(code, label) for code, (label, _source) in rules.CONDITIONS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    reasons = FreeTextField(label=_("Reasons"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))


class RefuseForm(forms.Form):
    legal_grounds = forms.ModelMultipleChoiceField(
        label=_("Grounds of article 14"),
        queryset=LegalGround.objects.filter(domain=LegalGround.Domain.ASSEMBLIES, is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    reasons = FreeTextField(label=_("Reasons"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))


class AlternativeForm(WhereMixin, PlaceTimeMixin):
    """The akimat's proposal: another specialised place, place or route, and/or another time."""

    field_order = [
        "place_kind",
        "specialised_place",
        "route",
        "place_description",
        "latitude",
        "longitude",
        "date",
        "start_time",
        "end_time",
        "reasons",
    ]
    reasons = FreeTextField(label=_("Reasons"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))


class AcceptForm(forms.Form):
    confirm = forms.BooleanField(label=_("Accept the request as submitted"))


OUTCOME_CHOICES = [(s.value, s.label) for s in (Status.HELD, Status.NOT_HELD, Status.STOPPED)]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What happened"), choices=OUTCOME_CHOICES, widget=forms.RadioSelect)
    note = FreeTextField(label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    legal_grounds = forms.ModelMultipleChoiceField(
        label=_("Grounds (only when the akimat stopped the assembly)"),
        queryset=LegalGround.objects.filter(domain=LegalGround.Domain.ASSEMBLIES, is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class RegisterFilterForm(forms.Form):
    akimat = forms.ModelChoiceField(
        label=_("Akimat"),
        queryset=PublicBody.objects.filter(kind=PublicBody.Kind.AKIMAT, is_active=True).order_by("level", "slug"),
        required=False,
        empty_label=_("— every akimat —"),
    )


# --- The maslikhat's register of specialised places ---------------------------------------------------


class DecisionForm(forms.Form):
    decision_number = FreeTextField(label=_("Number of the maslikhat decision"), max_length=50)
    decision_date = forms.DateField(
        label=_("Date of the maslikhat decision"), widget=forms.DateInput(attrs={"type": "date"})
    )
    decision_url = forms.URLField(
        label=_("Link to the decision"), max_length=500, required=False, assume_scheme="https"
    )


class PlaceForm(DecisionForm):
    name_kk = FreeTextField(label=_("Name in Kazakh"), max_length=200)
    name_ru = FreeTextField(label=_("Name in Russian"), max_length=200)
    public_address = FreeTextField(label=_("Address"), max_length=300)
    latitude = forms.DecimalField(
        label=_("Latitude"), max_digits=9, decimal_places=6, validators=[coordinate_validator("latitude")]
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), max_digits=9, decimal_places=6, validators=[coordinate_validator("longitude")]
    )
    capacity = forms.IntegerField(label=_("Capacity (maximum occupancy)"), min_value=1, max_value=MAX_PARTICIPANTS)
    hours_from = forms.TimeField(label=_("Permitted from"), widget=forms.TimeInput(attrs={"type": "time"}))
    hours_until = forms.TimeField(label=_("Permitted until"), widget=forms.TimeInput(attrs={"type": "time"}))
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    field_order = [*COMPARED, "decision_number", "decision_date", "decision_url", "key"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("hours_from"), data.get("hours_until")
        if start and end and end <= start:
            self.add_error("hours_until", _("The permitted hours must end after they start."))
        return data


class PlacesFilterForm(forms.Form):
    maslikhat = forms.ModelChoiceField(
        label=_("Maslikhat"),
        queryset=PublicBody.objects.filter(kind=PublicBody.Kind.MASLIHAT, is_active=True).order_by("level", "slug"),
        required=False,
        empty_label=_("— every maslikhat —"),
    )


class ObserverReportForm(forms.Form):
    """An accredited observer's structured report on an event, after its date."""

    held = forms.ChoiceField(
        label=_("Did the assembly take place?"),
        choices=ObserverReport.Held.choices,
        widget=forms.RadioSelect,
    )
    interventions = forms.BooleanField(
        label=_("The police or other authorities intervened (stopped, dispersed or restricted the assembly)"),
        required=False,
    )
    detentions_reported = forms.IntegerField(
        label=_("Detentions reported"),
        min_value=0,
        max_value=100_000,
        initial=0,
        help_text=_("The number you observed or that was reported to you; 0 if none."),
    )
    notes = FreeTextField(
        label=_("Notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What you saw. Published with personal data (names, phone numbers, identity numbers, addresses) removed."
        ),
    )


class ChallengeForm(forms.Form):
    """The organiser's complaint to the higher body against a refusal or conditions."""

    text = FreeTextField(
        label=_("Why the decision is wrong"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Seen by you and the higher body only; not published."),
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class ChallengeDecisionForm(forms.Form):
    """The higher body's decision on a complaint."""

    outcome = forms.ChoiceField(label=_("Decision"), choices=Challenge.Outcome.choices, widget=forms.RadioSelect)
    text = FreeTextField(label=_("Reasons"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    legal_grounds = forms.ModelMultipleChoiceField(
        label=_("Legal grounds (when the complaint is rejected)"),
        queryset=LegalGround.objects.filter(domain=LegalGround.Domain.ASSEMBLIES, is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
