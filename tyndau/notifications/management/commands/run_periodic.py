"""Run the registered periodic commands (tyndau.notifications.periodic) on their intervals."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from tyndau.notifications.periodic import PERIODIC_COMMANDS, PeriodicCommand

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Loop: run each registered periodic command when it is due (send_pending_mail, sweeps, recounts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=int, default=10, help="Seconds between checks for due commands.")
        parser.add_argument("--once", action="store_true", help="Run every registered command once and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            failed = [command.name for command in list(PERIODIC_COMMANDS) if not self._run(command)]
            if failed:
                raise CommandError(f"periodic: failed: {', '.join(failed)}", returncode=1)
            return
        interval = max(1, options["interval"])
        last_run: dict[str, float] = {}
        self.stdout.write(f"periodic: {', '.join(c.name for c in PERIODIC_COMMANDS)} (check every {interval}s)")
        try:
            while True:
                # A long-lived process: drop connections the database closed or that grew too old.
                close_old_connections()
                for command in list(PERIODIC_COMMANDS):
                    now = time.monotonic()
                    if now - last_run.get(command.name, float("-inf")) >= command.every_seconds:
                        last_run[command.name] = now
                        self._run(command)
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("periodic: stopped")

    def _run(self, command: PeriodicCommand) -> bool:
        try:
            call_command(command.name, stdout=self.stdout, stderr=self.stderr)
        except (Exception, SystemExit) as exc:
            # One failing command must not stop the others (or the mail).
            logger.error("periodic command %s failed: %s", command.name, exc)
            return False
        return True
