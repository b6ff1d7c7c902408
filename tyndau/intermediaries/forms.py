"""Forms of intermediaries' help: every field bounded and validated with a translated message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tyndau.appeals.attachments import sniff
from tyndau.appeals.forms import AppealForm
from tyndau.assemblies.forms import NotifyForm
from tyndau.associations.models import Application
from tyndau.authorities.models import PublicBody
from tyndau.core.forms import FreeTextField, IINField

CHANNEL_CHOICES = [
    ("email", _("To the e-mail address of the citizen's account")),
    ("phone", _("To the phone number of the citizen's account")),
]


class StartForm(forms.Form):
    iin = IINField(label=_("Citizen's IIN"), help_text=_("12 digits, from the citizen's identity card."))
    channel = forms.ChoiceField(
        label=_("Where should the code go?"), choices=CHANNEL_CHOICES, widget=forms.RadioSelect, initial="email"
    )
    share_answers = forms.BooleanField(
        label=_("The citizen allows me to see the answers to what I file for them"),
        help_text=_("The message with the code tells the citizen this. They can change it in their account."),
        required=False,
    )


class ConfirmForm(forms.Form):
    code = FreeTextField(
        label=_("Code the citizen received"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_code(self) -> str:
        code = "".join(c for c in self.cleaned_data["code"] if c.isdigit())
        if not code:
            raise ValidationError(_("Enter the digits of the code."), code="code_digits")
        return code


class ScanForm(forms.Form):
    iin = IINField(label=_("Citizen's IIN"))
    scan = forms.FileField(
        label=_("Scanned signed consent (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_scan(self) -> Any:
        upload = self.cleaned_data["scan"]
        sniff(upload)  # by content, with its own translated message
        return upload


class AppealForCitizenForm(AppealForm):
    """The citizen's appeal without the parts that are only the citizen's own choice online."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("anonymous", "cosigners"):
            self.fields.pop(name, None)

    def clean_cosigners(self) -> list[str]:
        return []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["anonymous"] = False
        data["cosigners"] = []
        return data


class AssemblyForCitizenForm(NotifyForm):
    """The citizen's notification without co-organisers (they confirm from their own accounts) and without
    an organisation (the citizen files as a person)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("co_organisers", "organisation_name", "organisation_bin"):
            self.fields.pop(name, None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data.update({"co_organisers": "", "organisation_name": "", "organisation_bin": ""})
        return data


class SignForm(forms.Form):
    petition = forms.IntegerField(label=_("Petition number"), min_value=1, max_value=2**31 - 1)


class GrantForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the helper's account"), max_length=254)
    organisation = forms.ChoiceField(label=_("Organisation"))

    def __init__(self, *args: Any, associations: Any = (), service_centres: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._associations: dict[str, Application] = {f"a{a.pk}": a for a in associations}
        self._centres: dict[str, PublicBody] = {f"b{b.pk}": b for b in service_centres}
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = (
            [("", _("— choose —"))]
            + [(key, str(getattr(a, "name", "") or a.number)) for key, a in self._associations.items()]
            + [(key, str(b.name)) for key, b in self._centres.items()]
        )

    def organisation_kwargs(self) -> dict[str, Any]:
        key = self.cleaned_data["organisation"]
        if key in self._associations:
            return {"association": self._associations[key]}
        return {"service_centre": self._centres[key]}
