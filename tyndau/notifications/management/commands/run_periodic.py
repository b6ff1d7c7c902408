"""Run the registered periodic commands (tyndau.notifications.periodic) on their intervals."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections

from tyndau.core import heartbeat
from tyndau.core.db import close_all_connections
from tyndau.notifications.leader import Leadership
from tyndau.notifications.periodic import PERIODIC_COMMANDS, PeriodicCommand

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Loop: run each registered periodic command when it is due (send_pending_mail, sweeps, recounts). "
        "Safe on every node: only the leader (a PostgreSQL advisory lock, tyndau.notifications.leader) runs them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=int, default=10, help="Seconds between checks for due commands.")
        parser.add_argument(
            "--once", action="store_true", help="Run every registered command once and exit (no leader check)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            failed = [command.name for command in list(PERIODIC_COMMANDS) if not self._run(command)]
            if failed:
                raise CommandError(f"periodic: failed: {', '.join(failed)}", returncode=1)
            return
        interval = max(1, options["interval"])
        last_run: dict[str, float] = {}
        self.stdout.write(f"periodic: {', '.join(c.name for c in PERIODIC_COMMANDS)} (check every {interval}s)")
        leadership = Leadership()
        try:
            while True:
                # A long-lived process: drop connections the database closed or that grew too old.
                close_old_connections()
                self._beat()
                if leadership.held():
                    self._run_due(last_run)
                else:
                    # A standby forgets its timings: when it takes over it runs everything once at once,
                    # so a dead leader's pending sweeps are not delayed by another full interval.
                    last_run.clear()
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("periodic: stopped")
        finally:
            leadership.release()

    def _run_due(self, last_run: dict[str, float]) -> None:
        for command in list(PERIODIC_COMMANDS):
            now = time.monotonic()
            if now - last_run.get(command.name, float("-inf")) >= command.every_seconds:
                last_run[command.name] = now
                self._run(command)

    def _beat(self) -> None:
        try:
            heartbeat.beat(heartbeat.PERIODIC)
        except DatabaseError as exc:  # the database is away: the commands fail too, and retry next loop
            logger.warning("periodic: heartbeat not written (%s)", type(exc).__name__)
            close_all_connections()

    def _run(self, command: PeriodicCommand) -> bool:
        try:
            call_command(command.name, stdout=self.stdout, stderr=self.stderr)
        except (Exception, SystemExit) as exc:
            # One failing command must not stop the others (or the mail).
            logger.error("periodic command %s failed: %s", command.name, exc)
            return False
        return True
