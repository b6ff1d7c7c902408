"""Apply what the law says happens at expiry. Idempotent: a second run changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.appeals.services import sweep_deadlines


class Command(BaseCommand):
    help = "Deem refused appeals past their deadline (APPK art. 91(2)) and pass overdue complaints on."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sweep_deadlines()
        self.stdout.write(f"deemed_refused={result.deemed_refused} complaints_passed={result.complaints_passed}")
