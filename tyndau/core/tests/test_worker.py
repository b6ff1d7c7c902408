"""The task worker survives the database going away (a restart, a killed backend) and runs the
tasks queued afterwards; it reports liveness through its heartbeat."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django_tasks import task

from tyndau.core.management.commands.run_worker import ResilientWorker
from tyndau.core.models import Heartbeat

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _only_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a worker thread and pg_terminate_backend need PostgreSQL (CI runs the suite there)")


@task()
def record_run(tag: str) -> str:
    return tag


@pytest.fixture
def database_queue(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def worker(database_queue: None) -> Iterator[ResilientWorker]:
    worker = ResilientWorker(
        queue_names=["default"],
        interval=0.05,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    worker.thread = thread  # type: ignore[attr-defined]
    yield worker
    worker.running = False
    thread.join(timeout=10)


def _wait_until_done(task_id: str, *, seconds: float) -> str:
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + seconds
    status = ""
    while time.monotonic() < deadline:
        status = DBTaskResult.objects.get(id=task_id).status
        if status == "SUCCESSFUL":
            break
        time.sleep(0.1)
    return status


def test_the_worker_survives_a_database_restart_and_runs_the_tasks_queued_meanwhile(worker: ResilientWorker) -> None:
    """A restart: the worker's connection is killed (pg_terminate_backend) and, for a while, new
    connections are refused; the stock db_worker raised out of its loop then, and tasks piled up."""
    assert _wait_until_done(record_run.enqueue("before").id, seconds=20) == "SUCCESSFUL"
    import psycopg

    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    admin = psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True)
    try:
        admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")  # connections refused, as while restarting
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchone()[0] >= 1
        queued = record_run.enqueue("after").id  # on the test's own connection, which stays
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and worker.database_errors < 2:
            time.sleep(0.05)
        assert worker.database_errors >= 2  # it met the outage, more than once
    finally:
        admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
        admin.close()
    assert _wait_until_done(queued, seconds=60) == "SUCCESSFUL"
    assert worker.thread.is_alive()  # type: ignore[attr-defined]


def test_the_worker_writes_a_heartbeat_while_idle(worker: ResilientWorker) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not Heartbeat.objects.filter(name="worker").exists():
        time.sleep(0.05)
    first = Heartbeat.objects.get(name="worker").beat_at
    while time.monotonic() < deadline and Heartbeat.objects.get(name="worker").beat_at == first:
        time.sleep(0.05)
    assert Heartbeat.objects.get(name="worker").beat_at > first
