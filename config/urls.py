"""URLs. Human pages live under a language prefix (/kk/, /ru/, /en/); machine
endpoints (API, Open311, health) do not."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.i18n import set_language

from config.api import api
from tyndau.core import views as core_views
from tyndau.core.access import public


def _api_patterns() -> tuple[list[URLPattern | URLResolver], str, str]:
    """Ninja's views answer with 401/403 JSON themselves, so the login redirect
    of LoginRequiredMiddleware is switched off for them (each operation declares
    its own auth)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            login_not_required(pattern.callback)
    return patterns, app_name, namespace


urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("api/v1/", _api_patterns()),
    # Whatever under /api/ no operation matches (a path no converter accepts, a stray newline) is a JSON
    # 404 as the operations' own errors are, never the HTML page (the schema promises JSON).
    re_path(r"^api/(?P<rest>[\s\S]*)\Z", core_views.api_not_found, name="api_not_found"),
    path("open311/", include("tyndau.appeals.open311_urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("tyndau.accounts.urls")),
    path("audit/", include("tyndau.audit.urls")),
    path("authorities/", include("tyndau.authorities.urls")),
    path("appeals/", include("tyndau.appeals.urls")),
    path("petitions/", include("tyndau.petitions.urls")),
    path("assemblies/", include("tyndau.assemblies.urls")),
    path("associations/", include("tyndau.associations.urls")),
    path("transparency/", include("tyndau.transparency.urls")),
    path("intermediaries/", include("tyndau.intermediaries.urls")),
    path("search/", include("tyndau.search.urls")),
    path("following/", include("tyndau.following.urls")),
    path("", include("tyndau.core.urls")),
    prefix_default_language=True,
)

# A database that is away answers a translated 503 wherever the error was raised (tyndau/core/unavailable.py).
handler500 = "tyndau.core.unavailable.server_error"
