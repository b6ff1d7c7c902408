"""URLconf for bench/petition_surge.py only: the portal's URLs plus the baseline view.

The baseline is the ceiling of the stack itself: the same middleware, one INSERT
of one row, no application logic. It is not in config.urls and never deployed.
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as portal_urlpatterns
from tyndau.core.access import public


@public
@csrf_exempt
def bare_insert(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (payload) VALUES (%s)", [request.META.get("QUERY_STRING", "")])
    return HttpResponse(status=204)


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/bare-insert", bare_insert),
    *portal_urlpatterns,
]
