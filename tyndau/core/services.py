"""Writes to the kernel's own tables: the decreed days of the working-day calendar.

Every change clears the calendar cache inside the same call, so the next deadline
counted anywhere sees it (no signals: the admin calls these functions).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from tyndau.core.calendar import clear_decreed_days_cache
from tyndau.core.models import DecreedDay
from tyndau.core.record import record_change


def _record(*, actor: Any, action: str, day: DecreedDay, payload: dict[str, Any]) -> None:
    # A decreed day moves every deadline counted over it, so it goes on the public record.
    record_change(actor=actor, action=action, obj=day, payload=payload)


def decreed_day_save(
    *,
    actor: Any,
    date: dt.date,
    is_working: bool,
    reason: str,
    source: str = "",
    day: DecreedDay | None = None,
) -> DecreedDay:
    """Create a decreed day, or change `day` (its date included)."""
    with transaction.atomic():
        if day is None:
            day = DecreedDay(date=date, is_working=is_working, reason=reason, source=source)
            old_date = None
            action = "core.decreed_day.create"
        else:
            day = DecreedDay.objects.select_for_update().get(pk=day.pk)
            old_date = day.date
            day.date, day.is_working, day.reason, day.source = date, is_working, reason, source
            action = "core.decreed_day.change"
        day.full_clean()
        day.save()
        _record(
            actor=actor,
            action=action,
            day=day,
            payload={
                "date": date.isoformat(),
                "old_date": old_date.isoformat() if old_date else None,
                "is_working": is_working,
                "reason": reason,
                "source": source,
            },
        )
        years = {date.year} | ({old_date.year} if old_date else set())
        # Cleared now and again after commit: a reader between the two may have
        # cached the old rows from its own snapshot.
        clear_decreed_days_cache(*years)
        transaction.on_commit(lambda: clear_decreed_days_cache(*years))
    return day


def decreed_day_delete(*, actor: Any, day: DecreedDay) -> None:
    with transaction.atomic():
        day = DecreedDay.objects.select_for_update().get(pk=day.pk)
        year = day.date.year
        _record(
            actor=actor,
            action="core.decreed_day.delete",
            day=day,
            payload={"date": day.date.isoformat(), "is_working": day.is_working},
        )
        day.delete()
        clear_decreed_days_cache(year)
        transaction.on_commit(lambda: clear_decreed_days_cache(year))
