"""Whether two appeals concern the same problem in the same place in the same period — and why.

Pure functions over `Case` (no database), shared by the grouping service, the evaluation command and
the bench. Each signal is kept in the reasons: the category (same or related), the place (a map point
within the distance, else the same address or building, else only the region), the days apart within
the sliding window, and the text similarity. Text is one signal among these, never enough alone where
a place is known: short stock texts ("no hot water") repeat across a whole city.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from tyndau.appeals import rules

_WORD = re.compile(r"[^\W\d_]{3,}")
_NOT_WORD = re.compile(r"[\W_]+")
STEM = 5  # a word's first letters: Kazakh and Russian inflect at the end ("дорога", "дороги", "дорогу")
EARTH_M = 6_371_000.0


def words(text: str) -> frozenset[str]:
    """The text's words as short stems, lower-cased; numbers and one- or two-letter words dropped."""
    return frozenset(w[:STEM] for w in _WORD.findall(text.lower()))


def place_key(address: str) -> str:
    """An address reduced for comparison: lower case, punctuation and spacing folded."""
    return _NOT_WORD.sub(" ", address.lower()).strip()


@dataclass(frozen=True)
class Case:
    """What grouping reads of one appeal (of a CSV row in the evaluation command)."""

    key: Any
    category: str
    region: Any
    received_at: dt.datetime
    words: frozenset[str] = field(default_factory=frozenset)
    lat: float | None = None
    lon: float | None = None
    place: str = ""
    issue: Any = None


@dataclass(frozen=True)
class Params:
    distance_m: int
    window_days: int
    text_percent: int
    text_only_percent: int

    @classmethod
    def current(cls) -> Params:
        return cls(
            distance_m=rules.term("systemic_distance_m"),
            window_days=rules.term("systemic_window_days"),
            text_percent=rules.term("systemic_text_percent"),
            text_only_percent=rules.term("systemic_text_only_percent"),
        )


def distance_m(a: Case, b: Case) -> float:
    """Great-circle distance in metres (haversine)."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_M * math.asin(min(1.0, math.sqrt(h)))


def similarity(a: frozenset[str], b: frozenset[str]) -> int:
    """Jaccard overlap of two word sets, in whole percent."""
    if not a or not b:
        return 0
    return round(100 * len(a & b) / len(a | b))


def signals(new: Case, old: Case, params: Params) -> dict[str, Any] | None:
    """The reasons `new` belongs with `old`, or None if it does not."""
    if new.region != old.region or old.category not in rules.related_categories(new.category):
        return None
    days = abs((new.received_at - old.received_at).total_seconds()) / 86_400
    if days > params.window_days:
        return None
    reasons: dict[str, Any] = {
        "category": "same" if new.category == old.category else "related",
        "days_apart": int(days),
        "text_similarity": similarity(new.words, old.words),
    }
    if new.lat is not None and new.lon is not None and old.lat is not None and old.lon is not None:
        metres = distance_m(new, old)
        if metres > params.distance_m:
            return None
        reasons.update(place="point", distance_m=int(metres))
    elif new.place and old.place:
        if new.place != old.place:
            return None
        reasons["place"] = "address"
    else:
        reasons["place"] = "region"
    if reasons["place"] == "region":
        # Nothing but the region in common: only the same category and a closely similar text group.
        if reasons["category"] != "same" or reasons["text_similarity"] < params.text_only_percent:
            return None
    elif reasons["category"] != "same" and reasons["text_similarity"] < params.text_percent:
        # A related category at the same place groups only when the texts also agree.
        return None
    return reasons


def score(reasons: dict[str, Any]) -> tuple[int, int, int, int]:
    """Order of preference among matches: a known place, the same category, similar text, recent."""
    return (
        reasons["place"] != "region",
        reasons["category"] == "same",
        reasons["text_similarity"],
        -reasons["days_apart"],
    )


def best_match(new: Case, candidates: list[Case], params: Params) -> tuple[Case, dict[str, Any]] | None:
    """The candidate `new` belongs with best, with the reasons; None if it matches none.

    Among equally good matches, one already in an issue wins, then the earliest: grouping tasks may run
    out of order, and joining the issue keeps one problem in one issue rather than starting a second
    with an appeal not yet grouped. The order of `candidates` never decides."""
    found: tuple[Case, dict[str, Any]] | None = None
    best: tuple[Any, ...] = ()
    for old in candidates:
        reasons = signals(new, old, params)
        if reasons is None:
            continue
        rank = (
            score(reasons),
            old.issue is not None,
            -old.received_at.timestamp(),
            -old.key if isinstance(old.key, int) else 0,
        )
        if found is None or rank > best:
            found, best = (old, reasons), rank
    return found
