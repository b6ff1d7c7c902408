"""Template helpers of the transparency pages: form widgets with USWDS classes, figures as text."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def transparency_widget(field: Any) -> str:
    """The widget of a bound field with its hint and error linked by aria-describedby."""
    widget = field.field.widget
    css = "usa-select" if type(widget).__name__ == "Select" else "usa-input"
    if field.errors:
        css += " usa-input--error"
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}-hint")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
    attrs: dict[str, Any] = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)  # type: ignore[no-any-return]


@register.filter
def figure(value: Any) -> str:
    """A number in the active locale, or an em dash when there is nothing to show."""
    if value is None or value == "":
        return "—"
    return number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def percent(value: Any) -> str:
    if value is None:
        return "—"
    return f"{number_format(value, decimal_pos=1, use_l10n=True)} %"
