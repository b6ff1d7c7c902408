"""The task worker: django-tasks-db's `db_worker`, made to survive the database going away.

`db_worker` re-raises any database error other than "database is locked", so a PostgreSQL
restart (or a killed backend) ended the process and tasks piled up until someone noticed. This
worker claims and runs tasks with the same code (`Worker.run_task`, `get_locked`, `claim`), but
a connection error closes the broken connection and retries with a growing pause (1 s, 2 s, 4 s …
at most MAX_BACKOFF_SECONDS), and every loop writes a heartbeat that `/healthz` checks. Run it
under a supervisor that restarts it anyway (docs/operations.md: systemd `Restart=always`).
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections
from django.db.utils import OperationalError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from tyndau.core import heartbeat
from tyndau.core.db import close_all_connections

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 30.0


class ResilientWorker(Worker):
    """db_worker's Worker with a loop that outlives database outages and reports liveness."""

    database_errors = 0  # outages met so far (logged; read by the tests)

    def run(self) -> None:
        logger.info("worker %s: queues=%s", self.worker_id, ",".join(self.queue_names))
        try:
            self._loop()
        finally:
            close_all_connections()

    def _loop(self) -> None:
        backoff = 0.0
        while self.running:
            try:
                ran = self.run_one()
            except DatabaseError as exc:
                self.database_errors += 1
                backoff = min(MAX_BACKOFF_SECONDS, max(1.0, backoff * 2))
                logger.warning("worker: database unavailable (%s); retrying in %.0f s", type(exc).__name__, backoff)
                close_all_connections()
                time.sleep(backoff)
                continue
            backoff = 0.0
            if self.batch and not ran:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and not ran:
                time.sleep(self.interval)

    def run_one(self) -> bool:
        """Claim and run one ready task; False when there was none. Database errors propagate."""
        close_old_connections()
        heartbeat.beat(heartbeat.WORKER)
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)  # so no other worker runs it
            except OperationalError as exc:
                if not is_locked_database_exception(exc):
                    raise
                return False  # SQLite busy: it unlocks soon
        if task_result is None:
            return False
        self.run_task(task_result)
        return True


class Command(DbWorkerCommand):
    help = "Run the task worker (db_worker that reconnects after database errors and writes a heartbeat)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if options["reload"] and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloaded child handles signals
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
