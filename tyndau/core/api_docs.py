"""The API docs page: Swagger UI from our own static files (swagger-ui-dist, built by
scripts/build_assets.py), started by an external script, so it works under our CSP
(no inline script, no third-party origin). Ninja's own template loads Swagger UI from a CDN
with an inline script when `ninja` is not an installed app, and the CSP blocks both."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class LocalSwagger(Swagger):
    template = "core/api_docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        # Read by static/tyndau/api-docs.js from a JSON data block (json_script: data, not script).
        return render(request, self.template, {"api": api, "swagger_settings": settings})
