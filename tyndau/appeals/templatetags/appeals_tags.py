"""Template helpers: accessible widgets (errors and hints linked with aria-describedby)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def described(field: Any) -> SafeString:
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    attrs: dict[str, str] = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    css = {
        "select": "usa-select",
        "textarea": "usa-textarea",
        "clearablefile": "usa-file-input",
        "file": "usa-file-input",
    }.get(field.widget_type, "usa-input")
    attrs["class"] = css
    return SafeString(field.as_widget(attrs=attrs))


@register.filter
def is_choice_list(field: Any) -> bool:
    return field.widget_type in ("radioselect", "checkboxselectmultiple")
