"""Kazakhstan's working-day calendar.

Working days are Monday–Friday minus public holidays, adjusted by government
decrees. Three sources, in order of precedence:

1. `DecreedDay` rows that operators enter in the admin: an extra day off, a
   working Saturday, the confirmed date of Kurban Ait. A decreed day always wins.
2. The `holidays` package (country KZ, pinned in requirements.txt). It already
   applies the rule that a public holiday falling on a Saturday or Sunday moves
   the day off to the next working day (Law "On holidays in the Republic of
   Kazakhstan" of 13 December 2001; Labour Code), e.g. Nauryz on 21–22 March 2026
   gives days off on 24–25 March. Religious holidays (Orthodox Christmas,
   Kurban Ait) are never moved. It also knows past decreed transfers, including
   the weekend days that became working days.
3. Monday–Friday.

Checked against holidays 0.109 for 2026: 1–2 Jan, 7 Jan, 8 Mar (Sunday → 9 Mar),
Nauryz 21–23 Mar (→ 24–25 Mar), 1 May, 7 May, 9 May (Saturday → 11 May), 6 Jul,
25 Oct (Sunday → 26 Oct), 16 Dec, Kurban Ait 27 May (estimated). Constitution
Day is absent in 2026: the package follows the 2026 amendment of the holidays
law that moves it from 30 August to 15 March from 2027. If a decree keeps
30/31 August 2026 as days off, operators record them as decreed days.

Kurban Ait follows the lunar calendar and its date is fixed every year by a
government decree. The package gives an *estimated* date for years not yet
confirmed; when the decree names a different date, the operator records the
decreed date as a day off and the estimated one as a working day.

All statutory deadlines are counted on this calendar. Decreed days are cached
(the cache is shared by every process); `tyndau.core.services` clears it on
every change, so an edit is seen at once.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Callable
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.core.cache import cache
from django.utils import timezone

KZ_TZ = ZoneInfo("Asia/Almaty")

# APPK art. 64(3): a submission received after working hours or on a non-working
# day is registered on the next working day. The law refers to the body's working
# schedule; these are the standard office hours of central and local bodies.
WORKDAY_START = dt.time(9, 0)
WORKDAY_END = dt.time(18, 30)

DECREED_DAYS_CACHE_TTL = 24 * 60 * 60  # invalidated explicitly on every change


@lru_cache(maxsize=64)
def _statutory_calendar(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, weekend days that are working days) for `year` from the `holidays` package.

    Neighbouring years are loaded too: a transfer decreed for January may name
    a working Saturday in the previous December.
    """
    kz = holidays.country_holidays("KZ", years=[year - 1, year, year + 1])
    days_off = frozenset(day for day in kz if day.year == year)
    working_weekend_days = frozenset(day for day in kz.weekend_workdays if day.year == year)
    return days_off, working_weekend_days


def _decreed_cache_key(year: int) -> str:
    return f"core:decreed-days:v1:{year}"


def decreed_overrides(year: int) -> dict[dt.date, bool]:
    """{date: is_working} decreed by the government for `year` (entered in the admin)."""
    key = _decreed_cache_key(year)
    cached: dict[dt.date, bool] | None = cache.get(key)
    if cached is None:
        from tyndau.core.models import DecreedDay

        cached = dict(DecreedDay.objects.filter(date__year=year).values_list("date", "is_working"))
        cache.set(key, cached, DECREED_DAYS_CACHE_TTL)
    return cached


def clear_decreed_days_cache(*years: int) -> None:
    """Forget cached decreed days of these years. Called by the decreed-day services."""
    cache.delete_many([_decreed_cache_key(year) for year in set(years)])


def statutory_is_working_day(day: dt.date) -> bool:
    """Whether `day` is a working day by law alone, before decreed days are applied."""
    days_off, working_weekend_days = _statutory_calendar(day.year)
    if day in days_off:
        return False
    if day.weekday() >= 5:
        return day in working_weekend_days
    return True


def _working_day_test() -> Callable[[dt.date], bool]:
    """`is_working_day` that reads each year's decreed days once: a deadline
    counted over 40 days asks the shared cache once, not 40 times."""
    overrides_by_year: dict[int, dict[dt.date, bool]] = {}

    def test(day: dt.date) -> bool:
        if day.year not in overrides_by_year:
            overrides_by_year[day.year] = decreed_overrides(day.year)
        overrides = overrides_by_year[day.year]
        if day in overrides:
            return overrides[day]
        return statutory_is_working_day(day)

    return test


def is_working_day(day: dt.date) -> bool:
    return _working_day_test()(day)


def _next_working_day(day: dt.date, is_working: Callable[[dt.date], bool]) -> dt.date:
    candidate = day + dt.timedelta(days=1)
    while not is_working(candidate):
        candidate += dt.timedelta(days=1)
    return candidate


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    return _next_working_day(day, _working_day_test())


def working_days_after(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself not counted).

    `working_days_after(registered_on, 15)` is the last day of the APPK art. 76 term.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    is_working = _working_day_test()
    current = start
    for _ in range(days):
        current = _next_working_day(current, is_working)
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start).

    The inverse of `working_days_after`: for a working day `end`,
    `working_days_after(start, working_days_between(start, end)) == end`.
    """
    is_working = _working_day_test()
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working(current):
            count += 1
    return count


def local(moment: dt.datetime) -> dt.datetime:
    """`moment` in Kazakhstan time. Naive datetimes are refused: their zone is a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetimes are not allowed: every stored time is aware")
    return moment.astimezone(KZ_TZ)


def local_today() -> dt.date:
    """Today's date in Kazakhstan, whatever the server's own zone: the one 'today' of every deadline,
    sweep and figure."""
    return local(timezone.now()).date()


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole calendar months (negative goes back); a day the target month lacks becomes
    its last day: 31 January + 1 month is 28 (or 29) February."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


def registration_date(received_at: dt.datetime) -> dt.date:
    """APPK art. 64(3): the registration date of a submission received at `received_at`.

    Received on a working day before the end of working hours (early morning
    included): that day. After hours, or on a weekend or holiday: the next working day.
    """
    moment = local(received_at)
    day = moment.date()
    is_working = _working_day_test()
    if is_working(day) and moment.time() < WORKDAY_END:
        return day
    return _next_working_day(day, is_working)


def deadline_end(day: dt.date) -> dt.datetime:
    """The last moment of a deadline day, in Kazakhstan time (end of that day)."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=KZ_TZ)


__all__ = [
    "KZ_TZ",
    "WORKDAY_END",
    "WORKDAY_START",
    "add_months",
    "clear_decreed_days_cache",
    "deadline_end",
    "decreed_overrides",
    "is_working_day",
    "local",
    "local_today",
    "next_working_day",
    "registration_date",
    "statutory_is_working_day",
    "working_days_after",
    "working_days_between",
]
