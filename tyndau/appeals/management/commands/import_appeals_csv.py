"""Import historical appeals from a CSV (columns: docs/appeals-import.md) for routing to learn from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tyndau.appeals.routing.csvfile import BadFile
from tyndau.appeals.services import history_import


class Command(BaseCommand):
    help = "Import historical appeals (text, category, place, date, author key, answering body) from a CSV."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--source", default="", help="name of this history (default: the file's name)")
        parser.add_argument("--show-skipped", type=int, default=20, help="how many skipped lines to list")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                result = history_import(handle=handle, source=options["source"] or path.stem)
        except (BadFile, UnicodeDecodeError) as exc:
            raise CommandError(f"{path.name}: {exc}") from None
        for line, reason in result.skipped[: options["show_skipped"]]:
            self.stdout.write(f"line {line}: skipped: {reason}")
        self.stdout.write(
            json.dumps({"created": result.created, "updated": result.updated, "skipped": len(result.skipped)})
        )
