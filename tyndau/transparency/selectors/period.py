"""The period every figure is computed over, the short-lived cache, and small statistics helpers."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils import translation

from tyndau.core.calendar import KZ_TZ, local_today, working_days_between

# Aggregates over the whole register are cheap enough to recompute every few minutes and
# too expensive to recompute per request.
CACHE_SECONDS = 300
CACHE_VERSION = 3  # 2: systemic answers; 3: a body's card carries its forwarding and routing figures
# A longer range would make one request scan a decade of appeals.
MAX_RANGE_DAYS = 366 * 5

T = TypeVar("T")


@dataclass(frozen=True)
class Period:
    """Appeals received and petitions submitted from `date_from` to `date_to` (Kazakhstan days, both
    included): every moment from `start` up to, not including, `end`."""

    date_from: dt.date
    date_to: dt.date

    @property
    def key(self) -> str:
        return f"{self.date_from.isoformat()}:{self.date_to.isoformat()}"

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.date_from, dt.time.min, tzinfo=KZ_TZ)

    @property
    def end(self) -> dt.datetime:
        """The first moment after the period (exclusive bound for datetimes)."""
        return dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=KZ_TZ)


def default_period(today: dt.date | None = None) -> Period:
    """The last 12 months up to today."""
    day = today or local_today()
    try:
        start = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        start = day.replace(year=day.year - 1, day=28)
    return Period(date_from=start + dt.timedelta(days=1), date_to=day)


def cached(name: str, period: Period, compute: Callable[[], T]) -> T:
    """`compute()` cached per period and per day ("overdue now" changes at midnight)."""
    key = f"transparency:v{CACHE_VERSION}:{name}:{period.key}:{local_today().isoformat()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value  # type: ignore[no-any-return]


def weighted_median(counts: Counter[int]) -> float | None:
    """The median of a multiset given as value → multiplicity (same as `statistics.median`)."""
    total = sum(counts.values())
    if total == 0:
        return None
    low_index, high_index = (total - 1) // 2, total // 2
    low = high = None
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if low is None and seen > low_index:
            low = value
        if seen > high_index:
            high = value
            break
    assert low is not None and high is not None
    return (low + high) / 2


@dataclass
class DayCounts:
    """Days from registration to answer, in working and in calendar days."""

    working: Counter[int]
    calendar: Counter[int]

    @classmethod
    def empty(cls) -> DayCounts:
        return cls(Counter(), Counter())

    def add(
        self, registered_on: dt.date, answered_on: dt.date, n: int, memo: dict[tuple[dt.date, dt.date], int]
    ) -> None:
        pair = (registered_on, answered_on)
        if pair not in memo:
            memo[pair] = working_days_between(registered_on, answered_on)
        self.working[memo[pair]] += n
        self.calendar[max(0, (answered_on - registered_on).days)] += n

    def medians(self) -> dict[str, float | None]:
        return {
            "median_working_days": weighted_median(self.working),
            "median_calendar_days": weighted_median(self.calendar),
        }


def bar_width(value: float, top: float) -> int:
    """Bar width in steps of 5 % of the largest value (0 only for 0)."""
    if not value or not top:
        return 0
    return int(max(5, round(value * 20 / top) * 5))


def rate(part: int, whole: int) -> float | None:
    """Percentage with one decimal, or None when there is nothing to divide."""
    return round(part * 100 / whole, 1) if whole else None


def localized(rows: Iterable[dict[str, Any]], *fields: str) -> list[dict[str, Any]]:
    """Copies of `rows` with `<field>` set to `<field>_<active language>` (Kazakh as fallback)."""
    lang = (translation.get_language() or "kk")[:2]
    result = []
    for row in rows:
        copy = dict(row)
        for field in fields:
            copy[field] = row.get(f"{field}_{lang}") or row.get(f"{field}_kk") or ""
        result.append(copy)
    return result
