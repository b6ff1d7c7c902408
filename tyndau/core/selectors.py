"""Reads of the kernel's own: what the health check asks of the task queue."""

from __future__ import annotations

from django_tasks_db.models import DBTaskResult


def ready_task_count() -> int:
    """Tasks waiting in the database queue (django-tasks-db); raises if the queue's table cannot be read."""
    return DBTaskResult.objects.filter(status="READY").count()
