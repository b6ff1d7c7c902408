"""Close petitions whose collection period ended below the threshold (daily; idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.petitions.services import close_expired_petitions


class Command(BaseCommand):
    help = "Close OPEN petitions past their collection date without the threshold."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = close_expired_petitions()
        self.stdout.write(f"closed {closed} petitions")
