"""Evaluate systemic-issue grouping on a labelled CSV (issue 15). Reads the file; writes nothing.

    manage.py evaluate_grouping appeals.csv

Columns: docs/systemic-issues.md ("Evaluating the grouping"). Prints pairwise precision, recall and
F1 of the grouping and of two baselines computed in the same run, then one JSON line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tyndau.appeals.systemic.evaluation import BadFile, evaluate


class Command(BaseCommand):
    help = "Pairwise precision and recall of systemic-issue grouping on a CSV with a problem_key column."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv_path")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["csv_path"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                result = evaluate(handle)
        except (BadFile, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: {exc}") from None
        for line, reason in result["skipped_lines"]:
            self.stderr.write(f"line {line} skipped: {reason}")
        self.stdout.write(f"rows {result['rows']}, labelled {result['labelled']}, skipped {result['skipped']}")
        for name in ("grouping", "text_only", "same_category"):
            f = result[name]
            self.stdout.write(
                f"{name:>14}: precision {f['precision']}, recall {f['recall']}, F1 {f['f1']} "
                f"({f['predicted_pairs']} pairs grouped, {f['true_pairs']} true pairs)"
            )
        result.pop("skipped_lines")
        self.stdout.write(json.dumps(result, ensure_ascii=False))
