"""Evaluate grouping on a labelled CSV (issue 15): pairwise precision and recall against a
ground-truth problem key, beside two baselines computed in the same run.

Columns (the same as the history import's, docs/appeals-import.md, plus `problem_key`):
text, category, date (YYYY-MM-DD or ISO date-time), region and/or district, optional latitude and
longitude, optional address, optional author, optional body, problem_key (rows without one are left
out of the figures). Rows are grouped in date order exactly as appeals arrive (`matching.best_match`
against the earlier rows of the same region and district in a related category within the window,
at most `systemic_candidates` of them, newest first).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import IO, Any

from tyndau.appeals import rules
from tyndau.appeals.systemic.matching import Case, Params, best_match, place_key, similarity, words
from tyndau.core.bounds import KZ_BOUNDS, TEXT_LONG
from tyndau.core.calendar import KZ_TZ

REQUIRED = ("text", "category", "date", "problem_key")
MAX_ROWS = 2_000_000


class BadFile(ValueError):
    pass


def _float(value: str, low: float, high: float) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if low <= number <= high else None


def read_cases(handle: IO[str]) -> tuple[list[tuple[Case, str, str]], list[tuple[int, str]]]:
    """(case, problem key, author) per usable row, in date order; and the skipped lines with reasons."""
    csv.field_size_limit(TEXT_LONG * 4)
    reader = csv.DictReader(handle)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise BadFile(f"missing column(s): {', '.join(missing)}")
    cases: list[tuple[Case, str, str]] = []
    skipped: list[tuple[int, str]] = []
    for line, row in enumerate(reader, start=2):
        if len(cases) >= MAX_ROWS:
            skipped.append((line, f"more than {MAX_ROWS} rows"))
            break
        try:
            when = dt.datetime.fromisoformat(row["date"].strip()[:25])
        except ValueError:
            skipped.append((line, "date is not ISO (YYYY-MM-DD)"))
            continue
        when = when if when.tzinfo else when.replace(tzinfo=KZ_TZ)
        lat = _float(row.get("latitude") or "", KZ_BOUNDS.lat_min, KZ_BOUNDS.lat_max)
        lon = _float(row.get("longitude") or "", KZ_BOUNDS.lon_min, KZ_BOUNDS.lon_max)
        case = Case(
            key=line,
            category=(row["category"] or "").strip()[:200],
            region=((row.get("region") or "").strip()[:200], (row.get("district") or "").strip()[:200]),
            received_at=when,
            words=words((row["text"] or "")[:TEXT_LONG]),
            lat=lat if lon is not None else None,
            lon=lon if lat is not None else None,
            place=place_key((row.get("address") or "")[:300]),
        )
        cases.append((case, (row["problem_key"] or "").strip(), (row.get("author") or "").strip()))
    cases.sort(key=lambda item: item[0].received_at)
    return cases, skipped


Matcher = Callable[[Case, list[Case]], Any]


def group(cases: Iterable[Case], matcher: Matcher, *, limit: int, window_days: int) -> dict[Any, int]:
    """Cluster id per case key, grouping in arrival order as the service does."""
    cluster: dict[Any, int] = {}
    recent: dict[Any, list[Case]] = defaultdict(list)  # per region: newest last
    next_id = 0
    for case in cases:
        pool = recent[case.region]
        horizon = case.received_at - dt.timedelta(days=window_days)
        while pool and pool[0].received_at < horizon:
            pool.pop(0)
        related = rules.related_categories(case.category)
        candidates = [c for c in reversed(pool) if c.category in related][:limit]
        found = matcher(case, candidates)
        if found is not None:
            cluster[case.key] = cluster[found.key]
        else:
            cluster[case.key] = next_id
            next_id += 1
        pool.append(replace(case, issue=cluster[case.key]))
    return cluster


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def pairwise(cluster: dict[Any, int], truth: dict[Any, str]) -> dict[str, float | int | None]:
    """Pairwise precision and recall of `cluster` against `truth` (keys with a problem key only)."""
    keys = [k for k in cluster if truth.get(k)]
    predicted = _pairs(Counter(cluster[k] for k in keys).values())
    actual = _pairs(Counter(truth[k] for k in keys).values())
    both = _pairs(Counter((cluster[k], truth[k]) for k in keys).values())
    precision = both / predicted if predicted else None
    recall = both / actual if actual else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {
        "precision": round(precision, 4) if precision is not None else None,
        "recall": round(recall, 4) if recall is not None else None,
        "f1": round(f1, 4) if f1 is not None else None,
        "predicted_pairs": predicted,
        "true_pairs": actual,
    }


def evaluate(handle: IO[str], params: Params | None = None) -> dict[str, Any]:
    """The grouping's figures and the baselines' on one labelled CSV."""
    params = params or Params.current()
    rows, skipped = read_cases(handle)
    cases = [case for case, _key, _author in rows]
    truth = {case.key: key for case, key, _author in rows}
    limit = rules.term("systemic_candidates")

    def ours(case: Case, candidates: list[Case]) -> Case | None:
        found = best_match(case, candidates, params)
        return found[0] if found else None

    def text_only(case: Case, candidates: list[Case]) -> Case | None:
        # Baseline 1: the same category and a similar text, place ignored.
        for old in candidates:
            if old.category == case.category and similarity(case.words, old.words) >= params.text_only_percent:
                return old
        return None

    def same_category(case: Case, candidates: list[Case]) -> Case | None:
        # Baseline 2: the same category in the same region within the window, nothing else.
        return next((old for old in candidates if old.category == case.category), None)

    figures = {
        name: pairwise(group(cases, matcher, limit=limit, window_days=params.window_days), truth)
        for name, matcher in (("grouping", ours), ("text_only", text_only), ("same_category", same_category))
    }
    authors = {author for _case, _key, author in rows if author}
    return {
        "rows": len(cases),
        "labelled": sum(1 for k in truth.values() if k),
        "skipped": len(skipped),
        "authors": len(authors),
        "params": {
            "distance_m": params.distance_m,
            "window_days": params.window_days,
            "text_percent": params.text_percent,
            "text_only_percent": params.text_only_percent,
        },
        **figures,
        "skipped_lines": skipped[:20],
    }
