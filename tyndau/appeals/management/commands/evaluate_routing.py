"""Evaluate routing with a time split on a labelled CSV (or the platform's own history): the model's
top-1, top-3 and macro-F1 against two baselines computed in the same run; one JSON line at the end."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tyndau.appeals.routing import history, model
from tyndau.appeals.routing.csvfile import BadFile, read_examples


class Command(BaseCommand):
    help = "Train on the earliest 80 % and test on the latest 20 %: model vs. most-common-body baselines."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--csv", type=Path, help="a labelled CSV (docs/appeals-import.md); default: the database")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        path: Path | None = options["csv"]
        if path is not None:
            if not path.is_file():
                raise CommandError(f"no such file: {path}")
            try:
                examples, skipped = read_examples(path)
            except (BadFile, UnicodeDecodeError) as exc:
                raise CommandError(f"{path.name}: {exc}") from None
        else:
            examples, skipped = list(history.platform_examples()), []
        result = model.evaluate(examples)
        result["skipped"] = len(skipped)
        result["seconds"] = round(time.perf_counter() - started, 2)
        if result.get("model"):
            for name in ("model", "baseline_most_common", "baseline_category_place"):
                s = result[name]
                self.stdout.write(f"{name:24} top1={s['top1']:.3f} top3={s['top3']:.3f} macro_f1={s['macro_f1']:.3f}")
        else:
            self.stdout.write("too little history to split")
        self.stdout.write(json.dumps(result, sort_keys=True))
