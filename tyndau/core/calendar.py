"""Kazakhstan's working-day calendar.

Working days are Monday–Friday minus public holidays (the `holidays` package,
country KZ) adjusted by decrees the operators record in the admin
(`DecreedDay`: an extra day off, a working Saturday, Kurban Ait's date).
All statutory deadlines are counted on this calendar.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

KZ_TZ = ZoneInfo("Asia/Almaty")

# APPK art. 64(3): a submission received after working hours or on a non-working
# day is registered on the next working day. Office hours are configurable
# defaults (the law refers to the body's working schedule).
WORKDAY_START = dt.time(9, 0)
WORKDAY_END = dt.time(18, 30)


@lru_cache(maxsize=64)
def _statutory_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("KZ", years=year).keys())


def _decreed_overrides(year: int) -> dict[dt.date, bool]:
    """{date: is_working} decreed by the government for the year (admin-edited)."""
    from tyndau.core.models import DecreedDay

    return DecreedDay.overrides_for_year(year)


def is_working_day(day: dt.date) -> bool:
    overrides = _decreed_overrides(day.year)
    if day in overrides:
        return overrides[day]
    if day.weekday() >= 5:
        return False
    return day not in _statutory_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    candidate = day + dt.timedelta(days=1)
    while not is_working_day(candidate):
        candidate += dt.timedelta(days=1)
    return candidate


def working_days_after(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself not counted).

    `working_days_after(registered_on, 15)` is the last day of the APPK art. 76 term.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    for _ in range(days):
        current = next_working_day(current)
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def local(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not allowed: every stored time is aware")
    return moment.astimezone(KZ_TZ)


def registration_date(received_at: dt.datetime) -> dt.date:
    """APPK art. 64(3): the registration date of a submission received at `received_at`."""
    moment = local(received_at)
    day = moment.date()
    if is_working_day(day) and moment.time() < WORKDAY_END:
        return day
    return next_working_day(day)


def deadline_end(day: dt.date) -> dt.datetime:
    """The last moment of a deadline day, in Kazakhstan time (end of that day)."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=KZ_TZ)


__all__ = [
    "KZ_TZ",
    "deadline_end",
    "is_working_day",
    "local",
    "next_working_day",
    "registration_date",
    "working_days_after",
    "working_days_between",
]
