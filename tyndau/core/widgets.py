"""Form widgets shared by every app."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe


def escape_label(label: Any) -> str:
    """`conditional_escape` without its lazy-string wrapper (a few µs a call, hundreds a select)."""
    return str(label.__html__()) if hasattr(label, "__html__") else html.escape(str(label))


def options_html(pairs: Iterable[tuple[Any, Any]]) -> str:
    """The `<option>` elements of (value, label) pairs, escaped, none selected."""
    return "".join(
        f'<option value="{html.escape("" if value is None else str(value))}">{escape_label(label)}</option>'
        for value, label in pairs
    )


class FastSelect(forms.Select):
    """A single `<select>` written directly in Python instead of one template render per option.

    The HTML is what Django's Select writes (same attributes in the same order, `required`, the
    first matching option `selected`); flat choices only, no option groups. A select of 100+
    options through Django's templates costs a few milliseconds per request (docs/performance.md).
    """

    def options_html(self) -> str:
        """Every `<option>`, escaped and unselected (subclasses may cache it)."""
        return options_html(self.choices)

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        options = self.options_html()
        found = [
            (at, marker)
            for marker in (f'<option value="{html.escape(v)}">' for v in self.format_value(value))
            if (at := options.find(marker)) >= 0
        ]
        if found:  # a single select marks only the first matching option, as Django does
            at, marker = min(found)
            options = f"{options[:at]}{marker[:-1]} selected>{options[at + len(marker) :]}"
        return mark_safe(f'<select name="{html.escape(name)}"{flatatt(final)}>{options}</select>')  # noqa: S308 - escaped above
