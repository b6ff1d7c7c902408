"""Every process the portal needs, started and stopped together: what `make run` runs.

The list is here, once: `make run` calls this command, and the test that proves a fresh portal
counts signatures and sweeps deadlines (tyndau/core/tests/test_run_portal.py) starts the same
list. Production runs the same three commands as separate supervised units (docs/operations.md).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

STOP_GRACE_SECONDS = 10


def portal_processes(*, addr: str, port: int, reload: bool) -> list[tuple[str, list[str]]]:
    """(name, manage.py arguments) of each process: web server, task worker, periodic runner."""
    web = ["runserver", f"{addr}:{port}"] + ([] if reload else ["--noreload"])
    return [
        ("web", web),
        ("worker", ["run_worker", "--interval", "1"]),
        ("periodic", ["run_periodic", "--interval", "1"]),
    ]


class Command(BaseCommand):
    help = "Run the web server, the task worker and the periodic runner; Ctrl-C stops all three."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--noreload", action="store_true", help="Do not restart the web server on code changes.")

    def handle(self, *args: Any, **options: Any) -> None:
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        children: list[tuple[str, subprocess.Popen[bytes]]] = []
        stopping = False

        def stop(signum: int, _frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        for name, arguments in portal_processes(
            addr=options["addr"], port=options["port"], reload=not options["noreload"]
        ):
            children.append((name, subprocess.Popen([sys.executable, manage, *arguments])))  # noqa: S603
        self.stdout.write("portal: " + ", ".join(f"{name} (pid {child.pid})" for name, child in children))
        exited: str | None = None
        while not stopping and exited is None:
            for name, child in children:
                if child.poll() is not None:
                    exited = name  # one process gone: a half portal is worse than none, stop the rest
                    break
            time.sleep(0.5)
        for _name, child in children:
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for _name, child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        if exited is not None:
            self.stderr.write(f"portal: the {exited} process exited; stopped the others")
            sys.exit(1)
        self.stdout.write("portal: stopped")
