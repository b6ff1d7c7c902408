"""Deliver every due outbox row. Idempotent; two runners never send the same row twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tyndau.notifications.delivery import outgoing_email_send_due


class Command(BaseCommand):
    help = "Send pending e-mails whose next attempt is due (retries after SMTP failures)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=500, help="At most this many e-mails per run.")

    def handle(self, *args: Any, **options: Any) -> None:
        outcomes = outgoing_email_send_due(limit=options["limit"])
        self.stdout.write(
            f"mail: {outcomes['sent']} sent, {outcomes['retry']} to retry, {outcomes['failed']} failed, "
            f"{outcomes['skipped']} taken by another sender"
        )
