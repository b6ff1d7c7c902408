"""Mark overdue the public answers owed on systemic issues. Idempotent: a second run changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.appeals.systemic.services import sweep_owed_answers


class Command(BaseCommand):
    help = "Mark overdue every owed public answer to a systemic issue whose term has passed (issue 15)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"overdue={sweep_owed_answers()}")
