"""Liveness of the background processes, kept in the database so every web process sees it.

The task worker (`run_worker`) and the periodic runner (`run_periodic`) call `beat(name)` on every
loop; `/healthz` calls `stale()` and fails when a beat is older than HEALTH_STALE_SECONDS (or was
never written), naming the process. A process that is alive but stuck stops beating too.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

WORKER = "worker"
PERIODIC = "periodic"
PROCESSES = (WORKER, PERIODIC)


def beat(name: str) -> None:
    from tyndau.core.models import Heartbeat

    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


def stale(names: tuple[str, ...] = PROCESSES) -> list[str]:
    """The processes whose last beat is missing or older than HEALTH_STALE_SECONDS."""
    from tyndau.core.models import Heartbeat

    limit = timezone.now() - dt.timedelta(seconds=settings.HEALTH_STALE_SECONDS)
    fresh = set(Heartbeat.objects.filter(name__in=names, beat_at__gte=limit).values_list("name", flat=True))
    return [name for name in names if name not in fresh]
