"""Routing suggestions (issue 15): training time and peak memory on generated appeals, and the cost of one
suggestion beside a bare baseline measured in the same run.

    nice .venv/bin/python bench/routing.py --n 1000000          # the issue's figure (minutes)
    nice .venv/bin/python bench/routing.py --n 50000            # a quick run

The history is `tyndau.appeals.routing.synthetic` (planted signal, 10 % noise) over --regions regions
(default 20: 6 topics, a district body in some districts, a second body per topic chosen by a word of the
text — about 270 bodies). Training is `model.train`, exactly what `train_routing` runs (both models: body
and category). Peak memory is the process's maximum resident set (ru_maxrss), also given above the
resident set before training. The suggestion is the model's part of `suggest()` — features of one text
plus both rankings — timed per call over --calls random appeals of the test set; the bare baseline is the
fallback's answer without a model (the most common body for the category and region: one dict lookup
and a sort). The database lookups `suggest()` adds (a category and up to three bodies by slug, on
indexed unique columns) are not in either figure. Goal: p95 < 20 ms. The last line printed is one JSON
object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from tyndau.appeals.routing import model, synthetic  # noqa: E402

GOAL_MS = 20.0


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000, help="generated appeals to train on")
    parser.add_argument("--regions", type=int, default=20)
    parser.add_argument("--calls", type=int, default=2_000, help="suggestions timed")
    parser.add_argument("--max-rows", type=int, default=model.MAX_ROWS, help="rows the linear models learn from")
    args = parser.parse_args()

    started = time.perf_counter()
    examples = list(synthetic.examples(args.n, seed=7, regions=args.regions))
    generated_s = time.perf_counter() - started
    before_mb = rss_mb()
    started = time.perf_counter()
    bundle = model.train(examples, max_rows=args.max_rows)
    train_s = time.perf_counter() - started
    peak_mb = rss_mb()
    bodies = len(bundle.body_model.classes_)
    print(
        f"n={args.n:,} (models on the latest {min(args.n, args.max_rows):,}), bodies={bodies},"
        f" generated in {generated_s:.1f} s"
    )
    print(f"training: {train_s / 60:.2f} min, peak RSS {peak_mb:.0f} MB ({peak_mb - before_mb:.0f} MB above the data)")

    rng = random.Random(11)
    probes = [examples[rng.randrange(len(examples))] for _ in range(args.calls)]
    for e in probes[:50]:  # warm up
        bundle.rank_bodies(category=e.category, region=e.region, district=e.district, text=e.text)
    model_ms, bare_ms = [], []
    for e in probes:
        t = time.perf_counter()
        bundle.rank_categories(region=e.region, district=e.district, text=e.text, k=1)
        bundle.rank_bodies(category=e.category, region=e.region, district=e.district, text=e.text, k=3)
        model_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        model.baseline_rank(bundle.counts, e, 3, by_place=True)
        bare_ms.append((time.perf_counter() - t) * 1000)
    p95, bare_p95 = percentile(model_ms, 0.95), percentile(bare_ms, 0.95)
    print(
        f"suggestion p95 {p95:.2f} ms (median {statistics.median(model_ms):.2f}); bare baseline p95 {bare_p95:.4f} ms"
    )
    print(
        json.dumps(
            {
                "bench": "routing",
                "n": args.n,
                "model_rows": min(args.n, args.max_rows),
                "bodies": bodies,
                "train_minutes": round(train_s / 60, 2),
                "peak_rss_mb": round(peak_mb),
                "rss_above_data_mb": round(peak_mb - before_mb),
                "suggest_p95_ms": round(p95, 2),
                "suggest_median_ms": round(statistics.median(model_ms), 2),
                "bare_p95_ms": round(bare_p95, 4),
                "ratio_p95_vs_bare": round(p95 / bare_p95, 1) if bare_p95 else None,
                "goal_p95_ms": GOAL_MS,
                "ok": p95 < GOAL_MS,
            }
        )
    )


if __name__ == "__main__":
    main()
