from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tyndau.audit.selectors import parse_receipt
from tyndau.core.forms import FreeTextField


class ReceiptForm(forms.Form):
    receipt = FreeTextField(
        label=_("Receipt code"),
        max_length=40,
        help_text=_("For example 1234-9f86d081884c7d65: the number of the entry, a dash and 16 characters."),
    )

    def clean_receipt(self) -> str:
        code: str = self.cleaned_data["receipt"].strip().lower()
        if parse_receipt(code) is None:
            raise forms.ValidationError(_("This does not look like a receipt code."), code="format")
        return code


class BundleForm(forms.Form):
    bundle = FreeTextField(
        label=_("Receipt bundle"),
        max_length=65536,
        widget=forms.Textarea,
        help_text=_("Paste the content of the receipt file (tyndau-receipt-….json) you downloaded."),
    )

    def clean_bundle(self) -> dict[str, Any]:
        try:
            data = json.loads(self.cleaned_data["bundle"])
        except ValueError:
            raise forms.ValidationError(_("This is not the content of a receipt file."), code="json") from None
        if not isinstance(data, dict):
            raise forms.ValidationError(_("This is not the content of a receipt file."), code="json")
        return data
