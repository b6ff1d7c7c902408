"""Pages that are the same for every anonymous visitor in a language, rendered once per process.

The petition page and the signature-confirmed page are the same for every anonymous visitor except
the base template's per-visitor parts: the CSRF token of a form, the current path (the visitor's own
link) in the language links, and flashed messages. Such a page is rendered with placeholders for the
first two and filled in per request; a visitor with messages, and anyone signed in, gets the normal
render (the caller decides). Each process keeps its own copies, at most SHARED_PAGES_MAX, each with
the version of what it shows (the petition page: when its cached body was rendered) and for at most
one counting interval. In a surge nearly every reader is such a visitor, and the layout around the
page's body cost more CPU than signing. Parity tests hold the result equal to the normal render."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape

from tyndau.core.templatetags.tyndau_i18n import in_language
from tyndau.petitions import rules

SHARED_PAGES_MAX = 512
_shared_pages: dict[str, tuple[float, float, str]] = {}  # key -> (version, expires at (time.time()), page)
_shared_bodies: dict[str, tuple[float, bytes]] = {}  # key -> (expires at (time.time()), body)
_CSRF_PLACEHOLDER = "tyndauCsrfPlaceholder0d6c1f"
_PATH_PLACEHOLDER = "/tyndau-path-placeholder-0d6c1f/"


class _PlaceholderRequest:
    """What the shared render sees as `request`: only the path, as a placeholder."""

    def get_full_path(self) -> str:
        return _PATH_PLACEHOLDER


def shared_page(request: HttpRequest, key: str, version: float, template: str, context: dict[str, Any]) -> HttpResponse:
    """The anonymous visitor's page from this process's copy of `version`, rendered first if
    missing, of another version or older than the counting interval. Callers have checked that the
    visitor is anonymous and has no message waiting."""
    now = time.time()
    stored = _shared_pages.get(key)
    if stored is not None and stored[0] == version and stored[1] > now:
        return _filled(request, stored[2])
    placeholders = {"csrf_token": _CSRF_PLACEHOLDER, "request": _PlaceholderRequest()}
    page = render_to_string(template, {**context, **placeholders}, request)
    if len(_shared_pages) >= SHARED_PAGES_MAX:
        _shared_pages.clear()
    _shared_pages[key] = (version, now + rules.value("count_interval_seconds"), page)
    return _filled(request, page)


def shared_body(key: str, build: Callable[[], bytes]) -> bytes:
    """A body that is the same for every visitor with `key` (one petition's embedded counter or badge in
    one language for one host): built once per process and kept for one counting interval, the same
    interval its public Cache-Control allows and its count is refreshed in. Nothing per visitor may be in
    it. An exception from `build` (Http404) is raised and nothing is kept.

    Under a surge the embed page and badge are read from other sites' pages as often as the petition
    page itself; rendered per request they served 0.63–0.95x the page's rate (docs/performance.md)."""
    now = time.time()
    stored = _shared_bodies.get(key)
    if stored is not None and stored[0] > now:
        return stored[1]
    body = build()
    if len(_shared_bodies) >= SHARED_PAGES_MAX:
        _shared_bodies.clear()
    _shared_bodies[key] = (now + rules.value("count_interval_seconds"), body)
    return body


def forget_shared_pages() -> None:
    """Drop this process's copies (tests)."""
    _shared_pages.clear()
    _shared_bodies.clear()


def _filled(request: HttpRequest, page: str) -> HttpResponse:
    """A shared page with this visitor's path (in the language links) and, if the page has a form,
    CSRF token put in. A page without a form sets no CSRF cookie: a reader gets no cookie at all."""
    if _CSRF_PLACEHOLDER in page:
        page = page.replace(_CSRF_PLACEHOLDER, get_token(request))
    path = request.get_full_path()
    for code, _name in settings.LANGUAGES:
        page = page.replace(in_language(_PATH_PLACEHOLDER, code), escape(in_language(path, code)))
    # Any other use of the path (none in today's templates); the equality tests would show a miss.
    return HttpResponse(page.replace(_PATH_PLACEHOLDER, escape(path)))
