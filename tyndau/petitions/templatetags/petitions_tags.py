from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def bar_step(value: int) -> int:
    """A bar width rounded to 5% steps, for the `tyndau-bar--w<N>` classes (0 only for nothing to show)."""
    if not value:
        return 0
    return max(5, min(100, round(int(value) / 5) * 5))


@register.filter
def uswds(field: Any) -> str:
    """Render a form field's widget with USWDS classes and hint/error ids in aria-describedby."""
    widget = field.field.widget
    name = type(widget).__name__
    css = {"Textarea": "usa-textarea", "Select": "usa-select"}.get(name, "usa-input")
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
