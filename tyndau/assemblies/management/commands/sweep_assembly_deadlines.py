"""Apply what the law says happens when the akimat is silent. Idempotent: a second run changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.assemblies.services import sweep_assembly_deadlines


class Command(BaseCommand):
    help = "Record 'held as notified' for notifications the akimat did not answer in time (art. 11(1))."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sweep_assembly_deadlines()
        self.stdout.write(f"held_as_notified={result.held_as_notified} unanswered={result.unanswered}")
