from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from tyndau.core.access import public

logger = logging.getLogger(__name__)


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@public
@never_cache  # a load balancer must see the current state, never a cached answer
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: the database, the cache and the task queue answer."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # a health check reports failures instead of raising them
        logger.exception("healthz: database check failed")
        checks["database"] = "error"
    try:
        cache.set("healthz", "1", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "1" else "error"
    except Exception:
        logger.exception("healthz: cache check failed")
        checks["cache"] = "error"
    try:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(status="READY").count()
        checks["tasks"] = "ok"
    except Exception:
        logger.exception("healthz: task queue check failed")
        checks["tasks"] = "error"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)
