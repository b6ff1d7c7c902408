"""The public calendar as iCalendar (RFC 5545): one VEVENT per upcoming assembly.

Only what the public register shows: the form, the purpose, the place, the time, the akimat, the
status and a link to the public record; never the organiser or the steward (a legal entity's name is
public, as on the register). Times carry the Asia/Almaty zone with its VTIMEZONE (settings.TIME_ZONE),
so a calendar program shows them right wherever it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from tyndau.assemblies.models import AssemblyForm, Status
from tyndau.core.calendar import KZ_TZ, local

# Tentative while the akimat has not answered (or the organiser has not answered its proposal).
TENTATIVE = {Status.SUBMITTED, Status.ALTERNATIVE_PROPOSED}


@cache
def _vtimezone() -> bytes:
    """The VTIMEZONE of Asia/Almaty (its transitions from 1970 on), built once per process: computing
    it from the zone's rules takes about 80 ms (bench/assemblies_scale.py)."""
    return Timezone.from_tzinfo(KZ_TZ).to_ical()  # type: ignore[no-any-return]


def feed(rows: Iterable[Any], *, link: Any, name: str) -> bytes:
    """`link(number)` is the absolute URL of a request's public record."""
    calendar = Calendar()
    calendar.add("prodid", "-//Tyndau//Peaceful assemblies//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Almaty")
    stamp = timezone.now()
    # The labels once per feed, not once per event (a lazy translation costs a lookup each time).
    forms = {k: str(v) for k, v in AssemblyForm.choices}
    statuses = {k: str(v) for k, v in Status.choices}
    status_word = _("Status")
    for row in rows:
        event = Event()
        event.add("uid", f"{row.number}@tyndau.kz")
        event.add("dtstamp", stamp)
        event.add("dtstart", local(row.when))
        event.add("dtend", local(row.until))
        summary = f"{forms.get(row.form, row.form)}: {row.purpose}"
        if row.organisation_name:
            summary += f" ({row.organisation_name})"
        event.add("summary", summary[:300])
        event.add("location", row.where)
        status = statuses.get(row.status, row.status)
        event.add("description", f"{row.akimat.name}. {status_word}: {status}. {row.number}")
        event.add("status", "TENTATIVE" if row.status in TENTATIVE else "CONFIRMED")
        event.add("url", link(row.number))
        calendar.add_component(event)
    calendar.add_component(Timezone.from_ical(_vtimezone()))
    return calendar.to_ical()  # type: ignore[no-any-return]
