"""Delete e-mail signatures never confirmed within the confirmation period (every 15 min; idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.petitions.services import purge_lapsed_signatures


class Command(BaseCommand):
    help = "Delete pending e-mail signatures older than the confirmation period (rules: confirmation_hours)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_lapsed_signatures()
        self.stdout.write(f"deleted {deleted} lapsed signatures")
