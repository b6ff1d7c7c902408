from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tyndau.following.models import Frequency, Kind


class FollowForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.HiddenInput)
    target = forms.CharField(max_length=40, widget=forms.HiddenInput)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_(
            "We send a confirmation link first; nothing else is sent until you confirm. Never shown to anyone."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "usa-input"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )

    def clean_target(self) -> str:
        value = self.cleaned_data["target"].strip()
        if not value.isprintable():
            raise forms.ValidationError(_("This cannot be followed: it does not exist or is not public."))
        return value


class FollowActionForm(forms.Form):
    """One follow's buttons on the follower's list: stop it, or change how often."""

    follow = forms.IntegerField(min_value=1, max_value=2**62)
    action = forms.ChoiceField(choices=[("end", "end"), ("frequency", "frequency")])
    frequency = forms.ChoiceField(choices=Frequency.choices, required=False)
