"""A database that is away (restarting, failing over) answers a translated 503 at once, not a 500.

While the primary restarts, PgBouncer refuses queries after its `query_wait_timeout` and a direct
connection fails after `connect_timeout` (docs/operations.md): the view's `OperationalError` or
`InterfaceError` ends here as a page that says to try again in a moment, with `Retry-After`. Nothing is
half-stored: every service writes in one transaction, which the failed connection rolled back.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults

from tyndau.core.db import close_all_connections

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10


class DatabaseUnavailableMiddleware:
    """Hooks only (process_exception): the petitions signing lane falls back to the view on a database
    error, and the view's error then ends here like any other."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable: %s on %s", type(exception).__name__, request.method)
        return unavailable_response(request)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    close_all_connections()  # the next request opens fresh connections
    request.user = AnonymousUser()  # the page must not ask the database who is signed in
    response = render(request, "core/service_unavailable.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the same 503 when a middleware (signing in, sessions) met the database away, since
    `process_exception` sees only the view's exceptions; any other error is Django's plain 500."""
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        try:
            return unavailable_response(request)
        except Exception:  # the page itself failed: the plain 500 below, never a second traceback
            logger.exception("database unavailable: the 503 page failed")
    return defaults.server_error(request)
