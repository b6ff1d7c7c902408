"""Template helpers of the accounts app."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: Any) -> str:
    """`{% optional_url 'appeals:mine' as url %}` — the URL, or "" while that page does not exist yet."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""
