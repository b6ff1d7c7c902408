"""Materialise confirmed signature counts (runs every few seconds; idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.petitions.services import recount_signatures


class Command(BaseCommand):
    help = "Count confirmed signatures of active petitions into the petition and its regions."

    def handle(self, *args: Any, **options: Any) -> None:
        done = recount_signatures()
        if options["verbosity"] > 1:
            self.stdout.write(f"recounted {done} petitions")
