"""Load demo data for every app, in dependency order. Idempotent; refused in production."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

# Dependency order: bodies before people, people before their appeals and petitions.
DEMO_APPS = (
    "authorities",
    "accounts",
    # Before appeals: an appeal is filed on behalf of a registered demo association (issue 13).
    "associations",
    "appeals",
    "petitions",
    "assemblies",
    "intermediaries",
    "following",
    "transparency",
)


class Command(BaseCommand):
    help = "Load demo data (tyndau.<app>.demo.seed) for each app. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Load demo data even with DEBUG off (never on a live portal)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: demo accounts share a known password. "
                "Use --force only on a test installation."
            )
        for app in DEMO_APPS:
            name = f"tyndau.{app}.demo"
            if importlib.util.find_spec(name) is None:
                self.stdout.write(f"{app}: no demo data")
                continue
            seed = getattr(importlib.import_module(name), "seed", None)
            if not callable(seed):
                self.stdout.write(f"{app}: demo module has no seed()")
                continue
            with transaction.atomic():
                seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign-in details: manage.py demo_logins"))
