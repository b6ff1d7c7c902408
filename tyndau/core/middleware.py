"""Security headers on every response.

The Content-Security-Policy allows no inline script and no third-party origin:
every script and style is a static file we serve ourselves. The one exception is images from the
map tile server the operator configures (`TYNDAU_MAP_TILES_URL`, docs/maps.md): img-src names
exactly that host.

Responses that may carry personal data get `Cache-Control: private, no-store`, so that neither a
shared cache nor the browser's disk keeps them: every response to a signed-in person, every answer
to a form submission (it echoes what was typed), and every view marked `@personal_data` (an
anonymous page that shows someone's data, e.g. a confirmation link's page). Public pages seen
anonymously keep their own caching, and so do static files (WhiteNoise answers before the session).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


@functools.lru_cache(maxsize=4)
def policy_for_tiles(tiles_url: str) -> str:
    """The policy with the map tile server's origin added to img-src (nothing added for our own)."""
    from tyndau.core.maps import tile_origin

    origin = tile_origin(tiles_url)
    if not origin:
        return CONTENT_SECURITY_POLICY
    return CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", f"img-src 'self' data: {origin}")


def content_security_policy() -> str:
    return policy_for_tiles(getattr(settings, "TYNDAU_MAP_TILES_URL", ""))


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.process_response(request, self.get_response(request))

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Also called on its own by the signing lane (tyndau/petitions/surge/lane.py)."""
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if carries_personal_data(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response


def personal_data(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Mark a view whose page shows personal data even to an anonymous visitor: never cached."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response.personal_data = True  # type: ignore[attr-defined]
        return response

    return wrapped


def carries_personal_data(request: HttpRequest, response: HttpResponse) -> bool:
    if getattr(response, "personal_data", False) or request.method not in ("GET", "HEAD", "OPTIONS"):
        return True
    user = getattr(request, "user", None)  # AuthenticationMiddleware's (lazy) user
    if user is not None:
        return bool(user.is_authenticated)
    # The signing lane reads the session itself and sets no request.user.
    session = getattr(request, "session", None)
    return session is not None and SESSION_KEY in session
