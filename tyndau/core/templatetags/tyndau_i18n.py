"""The language switcher's links: the same page under another language prefix."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.filter
def in_language(path: str, code: str) -> str:
    """`path` (with its query string) under the prefix of language `code`.

    Every page lives under a language prefix (`/kk/…`, `/ru/…`, `/en/…`) with the same URL patterns
    behind it, so switching language is swapping the prefix: a plain link, which works without
    JavaScript and without cookies, and can be shared. A path with no prefix gets one. (Django's
    `translate_url` resolves and reverses the path to the same answer while the patterns themselves
    are not translated; it also cannot work on the placeholder path of the shared pages.)"""
    codes = {language for language, _name in settings.LANGUAGES}
    first, _slash, rest = path.lstrip("/").partition("/")
    if first.split("?", 1)[0] in codes:
        return f"/{code}/{rest}"
    return f"/{code}/{path.lstrip('/')}"
