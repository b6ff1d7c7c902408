"""Form fields shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tyndau.core.bounds import MAX_LENGTH_MESSAGE, clean_text
from tyndau.core.identity import normalise, parse_bin, parse_iin


class FreeTextField(forms.CharField):
    """Text a person types: always bounded (`max_length` is required; see tyndau.core.bounds for
    the usual limits), control characters dropped before the length is checked."""

    default_error_messages = {"max_length": MAX_LENGTH_MESSAGE}

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value: Any) -> str:
        return clean_text(super().to_python(value) or "")


class _IdentityNumberField(forms.CharField):
    """A 12-digit identity number typed by a person: spaces and hyphens are
    dropped, then the number is checked and `cleaned_data` holds the 12 digits."""

    def __init__(self, **kwargs: Any) -> None:
        # Room for "XXXXXX XXXXXX"-style grouping; the digits themselves are checked later.
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("min_length", None)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        # A numeric keypad on phones, no browser-side pattern that would block typed spaces.
        attrs.update({"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"})
        return attrs

    def to_python(self, value: Any) -> str:
        return normalise(super().to_python(value))

    def parse(self, number: str) -> object:
        raise NotImplementedError

    def validate(self, value: str) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        self.parse(value)  # raises ValidationError with a specific, translated message


class IINField(_IdentityNumberField):
    """An IIN (individual identification number) field."""

    default_error_messages = {"required": _("Enter the IIN.")}

    def parse(self, number: str) -> object:
        return parse_iin(number)


class BINField(_IdentityNumberField):
    """A BIN (business identification number) field."""

    default_error_messages = {"required": _("Enter the BIN.")}

    def parse(self, number: str) -> object:
        return parse_bin(number)
