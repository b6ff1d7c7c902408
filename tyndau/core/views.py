from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from tyndau.core import heartbeat
from tyndau.core.access import public
from tyndau.core.selectors import ready_task_count

logger = logging.getLogger(__name__)


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


# The standard pages: one URL each, listed in the footer and at the foot of each other. `REVIEWED` is the
# date their content was last checked against the service; change it when you change a page.
STANDARD_PAGES = (
    ("help", _("Help and questions")),
    ("accessibility", _("Accessibility statement")),
    ("privacy", _("Privacy notice")),
    ("terms", _("Terms of use")),
)
STANDARD_PAGES_REVIEWED = datetime.date(2026, 12, 6)


@public
def standard_page(request: HttpRequest, page: str) -> HttpResponse:
    return render(
        request,
        f"core/pages/{page}.html",
        {
            "current": page,
            "pages": STANDARD_PAGES,
            "reviewed": STANDARD_PAGES_REVIEWED,
            "support_email": settings.TYNDAU_SUPPORT_EMAIL,
        },
    )


@public
def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """A JSON 404 for any path under /api/ that no operation answers (config/urls.py)."""
    return JsonResponse({"detail": "Not Found"}, status=404)


@public
@never_cache  # a load balancer must see the current state, never a cached answer
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: the database, the cache and the task queue answer, and the task
    worker and the periodic runner have beaten within HEALTH_STALE_SECONDS (tyndau.core.heartbeat).
    Each check is named with "ok" or what failed, so a 503 says which one."""
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
        ready_task_count()
        checks["tasks"] = "ok"
    except Exception:
        logger.exception("healthz: task queue check failed")
        checks["tasks"] = "error"
    try:
        late = heartbeat.stale()
        for name in heartbeat.PROCESSES:
            checks[name] = "stale" if name in late else "ok"
    except Exception:
        logger.exception("healthz: heartbeat check failed")
        checks.update(dict.fromkeys(heartbeat.PROCESSES, "error"))
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)
