"""Refuse an oversized upload before reading it.

Django reads a whole multipart body (spooling files to disk) before a form can say a file is too
large: a 300 MB body was received in full before the 5 MB error. This middleware looks at the
declared `Content-Length` first and answers 413 with a translated page without reading the body;
the per-file limit is still checked by the form (tyndau.appeals.attachments). gunicorn and
runserver pass `Content-Length` through; a body without one (chunked) is limited by the proxy
(docs/operations.md: nginx `client_max_body_size`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


class UploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django answers a malformed length itself
        if declared > settings.UPLOAD_MAX_REQUEST_BYTES:
            # The per-file limit is a setting, read here directly: core imports no app (ADR 0029).
            file_limit = int(getattr(settings, "APPEAL_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))
            context = {
                "limit": filesizeformat(settings.UPLOAD_MAX_REQUEST_BYTES),
                "file_limit": filesizeformat(file_limit),
            }
            response = render(request, "core/request_too_large.html", context, status=413)
            response["Connection"] = "close"  # the unread body must not be taken for the next request
            return response
        return self.get_response(request)
