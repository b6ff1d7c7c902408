"""How long does a clause-level diff of two 500-clause charters take, and its public page's diff part?

    .venv/bin/python bench/associations_diff.py              # 500 clauses, 50 runs
    .venv/bin/python bench/associations_diff.py --clauses 1000 --runs 20

Two charters of `--clauses` clauses in kk and ru (each clause ~40 words), the second with 10% of the
clauses changed by a few words, 2% removed and 2% added. Times, over `--runs` runs:
  normalise  numbering and cleaning one charter (what a save does)
  hash       the SHA-256 of the canonical JSON (what a submission does)
  diff       `charter.diff` (clause by clause) plus `charter.word_diff` (difflib on words) for every
             changed clause in both languages — what the version page computes
Beside `baseline`: one `json.dumps` of the charter (a lower bound for touching every clause once).
The goal (issue 13): the diff well under a second. The last line printed is one JSON object.
No database: the diff is pure Python (tyndau/associations/charter.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

WORDS_KK = [
    "бірлестік",
    "мүше",
    "жарғы",
    "жиналыс",
    "төраға",
    "мүлік",
    "мақсат",
    "қызмет",
    "азамат",
    "құқық",
    "міндет",
    "шешім",
    "орган",
]
WORDS_RU = [
    "объединение",
    "член",
    "устав",
    "собрание",
    "председатель",
    "имущество",
    "цель",
    "деятельность",
    "гражданин",
    "право",
]


def _text(rng: random.Random, words: list[str], n: int = 40) -> str:
    return " ".join(rng.choice(words) for _ in range(n)) + "."


def make_charter(clauses: int, seed: int = 1) -> dict[str, Any]:
    from tyndau.associations import rules

    rng = random.Random(seed)
    kinds = [*rules.REQUIRED_SECTIONS, *(["other"] * 12)]
    per = max(1, clauses // len(kinds))
    sections = []
    left = clauses
    for kind in kinds:
        count = per if kind != kinds[-1] else left
        left -= count
        sections.append(
            {
                "kind": kind,
                "title_kk": kind,
                "title_ru": kind,
                "clauses": [{"text_kk": _text(rng, WORDS_KK), "text_ru": _text(rng, WORDS_RU)} for _ in range(count)],
            }
        )
    return {"sections": sections}


def amend(content: dict[str, Any], seed: int = 2) -> dict[str, Any]:
    rng = random.Random(seed)
    out = json.loads(json.dumps(content))
    for section in out["sections"]:
        kept = []
        for clause in section["clauses"]:
            roll = rng.random()
            if roll < 0.02:
                continue  # removed
            if roll < 0.12:
                words = clause["text_kk"].split()
                words[rng.randrange(len(words))] = "өзгертілген"
                clause["text_kk"] = " ".join(words)
                words = clause["text_ru"].split()
                words[rng.randrange(len(words))] = "изменено"
                clause["text_ru"] = " ".join(words)
            kept.append(clause)
            if roll > 0.98:
                kept.append({"text_kk": _text(rng, WORDS_KK), "text_ru": _text(rng, WORDS_RU)})
        section["clauses"] = kept
    return out


def _time(fn: Any, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clauses", type=int, default=500)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    import django

    django.setup()
    from tyndau.associations import charter

    old = charter.normalise(make_charter(args.clauses))
    new = charter.normalise(amend(make_charter(args.clauses)))

    def full_diff() -> int:
        changes = charter.diff(old, new)
        for c in changes:
            if c.kind == "changed":
                charter.word_diff(c.old_kk, c.new_kk)
                charter.word_diff(c.old_ru, c.new_ru)
        return len(changes)

    changed = sum(1 for c in charter.diff(old, new) if c.kind != "same")
    result = {
        "clauses": len(charter.clauses(old)),
        "changed_or_added_or_removed": changed,
        "baseline": _time(lambda: json.dumps(old, ensure_ascii=False), args.runs),
        "normalise": _time(lambda: charter.normalise(make_charter(args.clauses)), max(5, args.runs // 5)),
        "hash": _time(lambda: charter.content_hash(old), args.runs),
        "diff": _time(full_diff, args.runs),
    }
    for key in ("baseline", "normalise", "hash", "diff"):
        print(f"{key:10} median {result[key]['median_ms']:8.2f} ms  p95 {result[key]['p95_ms']:8.2f} ms")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
