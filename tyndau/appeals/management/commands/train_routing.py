"""Retrain the routing model on the platform's history; run by `run_periodic` (docs/routing.md)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from tyndau.appeals.services import routing_train


class Command(BaseCommand):
    help = "Train the routing suggestions on the bodies' answers, forwards and imported history."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-evaluate", action="store_true", help="skip the held-out evaluation (faster)")

    def handle(self, *args: Any, **options: Any) -> None:
        result = routing_train(evaluate=not options["no_evaluate"])
        if result.written is None:
            self.stdout.write(f"examples={result.examples}: too little history, no model (the fallback serves)")
            return
        self.stdout.write(f"examples={result.examples} model={result.written.name}")
        if result.metrics:
            self.stdout.write(json.dumps(result.metrics, sort_keys=True))
