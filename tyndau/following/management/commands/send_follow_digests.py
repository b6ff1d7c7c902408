"""Send the daily digests of followers who chose them. Idempotent; registered with run_periodic."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.following.fanout import send_digests


class Command(BaseCommand):
    help = "Send one digest e-mail per follower with the changes of the days before today."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"following: {send_digests()} digest(s) queued")
