from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tyndau.audit.selectors import parse_receipt


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        help_text=_("For example 1234-9f86d081884c7d65: the number of the entry, a dash and 16 characters."),
    )

    def clean_receipt(self) -> str:
        code: str = self.cleaned_data["receipt"].strip().lower()
        if parse_receipt(code) is None:
            raise forms.ValidationError(_("This does not look like a receipt code."), code="format")
        return code
