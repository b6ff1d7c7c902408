"""Validation of a signing POST without building a form.

Building a Django form deep-copies every field, and in a signing surge that copy cost more CPU than
the validation itself. `cleaned_or_none` runs what `form.is_valid()` runs — each field's `clean`,
then the form's `clean_<field>` — on the class's own fields (validating does not change them); only
when something is invalid does the caller build the form, to show the translated errors and keep the
input. A parity test holds the two equal (tests/test_surge.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def cleaned_or_none(form_class: type[forms.Form], data: Any) -> dict[str, Any] | None:
    """What `cleaned_data` of a valid bound `form_class(data)` would be, or None if anything is invalid
    (or the form has a form-wide `clean`, which this does not run: build the form then)."""
    if form_class.clean is not forms.Form.clean:
        return None
    shell = form_class.__new__(form_class)  # what `clean_<field>` reads: `self.cleaned_data`, nothing else
    cleaned: dict[str, Any] = {}
    shell.cleaned_data = cleaned
    try:
        for name, field in form_class.base_fields.items():
            cleaned[name] = field.clean(field.widget.value_from_datadict(data, {}, name))
            clean_field = getattr(form_class, f"clean_{name}", None)
            if clean_field is not None:
                cleaned[name] = clean_field(shell)
    except ValidationError:
        return None
    return cleaned
