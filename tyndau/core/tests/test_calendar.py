"""The working-day calendar: statutory holidays, weekend transfers, decreed days,
registration after hours (APPK art. 64(3)) and deadline arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from tyndau.core import calendar
from tyndau.core.calendar import (
    KZ_TZ,
    deadline_end,
    is_working_day,
    next_working_day,
    registration_date,
    statutory_is_working_day,
    working_days_after,
    working_days_between,
)
from tyndau.core.models import DecreedDay
from tyndau.core.services import decreed_day_delete, decreed_day_save

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def almaty(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=KZ_TZ)  # type: ignore[misc]


# --- the 2026 statutory calendar, as the pinned `holidays` package gives it -------------------

DAYS_OFF_2026 = [
    (D(2026, 1, 1), "New Year"),
    (D(2026, 1, 2), "New Year"),
    (D(2026, 1, 7), "Orthodox Christmas"),
    (D(2026, 3, 9), "8 March fell on a Sunday: moved to Monday"),
    (D(2026, 3, 23), "Nauryz"),
    (D(2026, 3, 24), "Nauryz 21 March (Saturday) moved"),
    (D(2026, 3, 25), "Nauryz 22 March (Sunday) moved"),
    (D(2026, 5, 1), "Unity Day"),
    (D(2026, 5, 7), "Defender of the Fatherland Day"),
    (D(2026, 5, 11), "Victory Day 9 May (Saturday) moved"),
    (D(2026, 5, 27), "Kurban Ait (estimated date)"),
    (D(2026, 7, 6), "Capital Day"),
    (D(2026, 10, 26), "Republic Day 25 October (Sunday) moved"),
    (D(2026, 12, 16), "Independence Day"),
]


@pytest.mark.parametrize(("day", "why"), DAYS_OFF_2026)
def test_statutory_days_off_in_2026(day, why):
    assert day.weekday() < 5, "only weekdays make this test meaningful"
    assert not is_working_day(day), why


@pytest.mark.parametrize(
    "day",
    [D(2026, 3, 20), D(2026, 3, 26), D(2026, 5, 8), D(2026, 5, 12), D(2026, 12, 17), D(2026, 12, 31)],
)
def test_weekdays_around_holidays_are_working_days(day):
    assert is_working_day(day)


def test_constitution_day_is_not_a_holiday_in_2026():
    """holidays 0.109 follows the 2026 amendment: Constitution Day moves from 30 August
    to 15 March from 2027, so 31 August 2026 (the Monday after 30 August) is a working day.
    If a decree says otherwise, operators record a decreed day (see the next test)."""
    assert is_working_day(D(2026, 8, 31))
    assert not is_working_day(D(2027, 3, 15))


def test_religious_holidays_are_not_moved_off_a_weekend():
    # Orthodox Christmas on Sunday 7 January 2029 gives no Monday off.
    assert is_working_day(D(2029, 1, 8))


def test_working_weekend_day_decreed_in_the_past_is_known():
    # Government decree for 2025: Friday 3 January off in exchange for Sunday 5 January.
    assert not is_working_day(D(2025, 1, 3))
    assert is_working_day(D(2025, 1, 5))


def test_weekends_are_days_off():
    assert not is_working_day(D(2026, 11, 28))  # Saturday
    assert not is_working_day(D(2026, 11, 29))  # Sunday


# --- deadlines --------------------------------------------------------------------------------


def test_weekend_rolls_to_monday():
    assert next_working_day(D(2026, 11, 27)) == D(2026, 11, 30)  # Friday → Monday
    assert working_days_after(D(2026, 11, 27), 1) == D(2026, 11, 30)
    assert working_days_after(D(2026, 11, 28), 1) == D(2026, 11, 30)  # from a Saturday


def test_deadline_across_nauryz_2026():
    # Friday 20 March + 1 working day: 21–25 March are days off.
    assert working_days_after(D(2026, 3, 20), 1) == D(2026, 3, 26)
    # APPK art. 76: 15 working days from Monday 16 March.
    # 17,18,19,20 | 26,27 | 30,31 | 1,2,3 April | 6,7,8,9 April
    assert working_days_after(D(2026, 3, 16), 15) == D(2026, 4, 9)


def test_deadline_across_the_new_year_2026_to_2027():
    # 1 Jan 2027 is a Friday, 2 Jan a Saturday moved to Monday 4 Jan.
    assert working_days_after(D(2026, 12, 31), 1) == D(2027, 1, 5)
    assert working_days_after(D(2026, 12, 30), 3) == D(2027, 1, 6)
    # 7 Jan 2027 (Thursday) is Orthodox Christmas.
    assert working_days_after(D(2027, 1, 6), 1) == D(2027, 1, 8)


def test_zero_days_is_the_start_and_negative_is_refused():
    assert working_days_after(D(2026, 3, 21), 0) == D(2026, 3, 21)
    with pytest.raises(ValueError, match="negative"):
        working_days_after(D(2026, 3, 16), -1)


def test_working_days_between():
    assert working_days_between(D(2026, 3, 16), D(2026, 4, 9)) == 15
    assert working_days_between(D(2026, 3, 20), D(2026, 3, 25)) == 0  # all of them days off
    assert working_days_between(D(2026, 12, 31), D(2027, 1, 8)) == 3  # 5, 6, 8 January
    assert working_days_between(D(2026, 4, 9), D(2026, 4, 9)) == 0
    assert working_days_between(D(2026, 4, 9), D(2026, 3, 16)) == 0


@settings(max_examples=60, deadline=None)
@given(start=st.dates(D(2025, 1, 1), D(2027, 12, 1)), days=st.integers(0, 45))
def test_working_days_between_inverts_working_days_after(start, days):
    end = working_days_after(start, days)
    assert working_days_between(start, end) == days
    assert days == 0 or is_working_day(end)


def test_deadline_end_is_the_last_second_of_the_day_in_almaty():
    end = deadline_end(D(2026, 4, 9))
    assert end == almaty(2026, 4, 9, 23, 59, 59)
    assert end.utcoffset() == dt.timedelta(hours=5)  # single time zone UTC+5 since 1 March 2024


# --- registration (APPK art. 64(3)) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "registered"),
    [
        (almaty(2026, 3, 19, 8, 0), D(2026, 3, 19)),  # before opening on a working day: that day
        (almaty(2026, 3, 19, 18, 29, 59), D(2026, 3, 19)),  # just before the end of hours
        (almaty(2026, 3, 19, 18, 30), D(2026, 3, 20)),  # after hours → next working day
        (almaty(2026, 3, 20, 19, 0), D(2026, 3, 26)),  # Friday evening before Nauryz
        (almaty(2026, 3, 22, 11, 0), D(2026, 3, 26)),  # during Nauryz
        (almaty(2026, 11, 28, 10, 0), D(2026, 11, 30)),  # Saturday → Monday
        (almaty(2026, 12, 31, 23, 0), D(2027, 1, 5)),  # New Year's Eve, late
    ],
)
def test_registration_date(received, registered):
    assert registration_date(received) == registered


def test_registration_uses_almaty_time_not_utc():
    # 13:45 UTC is 18:45 in Almaty: after hours, although before 18:30 UTC.
    received = dt.datetime(2026, 3, 19, 13, 45, tzinfo=dt.UTC)
    assert registration_date(received) == D(2026, 3, 20)
    # 20:00 UTC on Sunday is 01:00 on Monday in Almaty: a working day.
    assert registration_date(dt.datetime(2026, 11, 29, 20, 0, tzinfo=dt.UTC)) == D(2026, 11, 30)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        registration_date(dt.datetime(2026, 3, 19, 12, 0))


def test_registration_of_a_submission_received_now():
    with time_machine.travel(almaty(2026, 3, 20, 18, 45), tick=False):
        assert registration_date(timezone.now()) == D(2026, 3, 26)
    with time_machine.travel(almaty(2026, 3, 26, 9, 15), tick=False):
        assert registration_date(timezone.now()) == D(2026, 3, 26)


# --- decreed days ---------------------------------------------------------------------------


def test_decreed_working_saturday_and_extra_day_off(cast):
    saturday, friday = D(2026, 12, 19), D(2026, 12, 18)
    assert not is_working_day(saturday) and is_working_day(friday)
    decreed_day_save(actor=cast.admin, date=saturday, is_working=True, reason="Working Saturday", source="Decree")
    decreed_day_save(actor=cast.admin, date=friday, is_working=False, reason="Transferred day off")
    assert is_working_day(saturday)
    assert not is_working_day(friday)
    # Thursday 17 Dec + 1 working day skips the decreed Friday and lands on the working Saturday.
    assert working_days_after(D(2026, 12, 17), 1) == saturday
    assert registration_date(almaty(2026, 12, 18, 10, 0)) == saturday
    # The law alone still says otherwise.
    assert statutory_is_working_day(friday) and not statutory_is_working_day(saturday)


def test_kurban_ait_date_corrected_by_decree(cast):
    """The package's Kurban Ait date is an estimate; the decree fixes the real one."""
    estimated, decreed = D(2026, 5, 27), D(2026, 5, 26)
    decreed_day_save(actor=cast.admin, date=decreed, is_working=False, reason="Kurban Ait")
    decreed_day_save(actor=cast.admin, date=estimated, is_working=True, reason="Kurban Ait is on 26 May")
    assert not is_working_day(decreed)
    assert is_working_day(estimated)


def test_decreed_day_changes_are_seen_at_once(cast):
    day = D(2026, 8, 31)
    assert is_working_day(day)  # now cached
    decreed = decreed_day_save(actor=cast.admin, date=day, is_working=False, reason="Constitution Day")
    assert not is_working_day(day)
    # Moving the decreed day to another year clears both years.
    decreed_day_save(actor=cast.admin, date=D(2027, 8, 30), is_working=False, reason="Moved", day=decreed)
    assert is_working_day(day)
    assert not is_working_day(D(2027, 8, 30))
    decreed_day_delete(actor=cast.admin, day=DecreedDay.objects.get())
    assert is_working_day(D(2027, 8, 30))


def test_decreed_day_changes_are_audited(cast):
    from tyndau.audit.models import Event

    day = decreed_day_save(actor=cast.admin, date=D(2026, 8, 31), is_working=False, reason="Decree")
    decreed_day_delete(actor=cast.admin, day=day)
    actions = list(Event.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["core.decreed_day.create", "core.decreed_day.delete"]


def test_decreed_days_are_read_once_per_count(django_assert_num_queries):
    cache.clear()
    with django_assert_num_queries(2):  # 2026 and 2027, however many days are counted
        working_days_after(D(2026, 12, 1), 40)


# --- admin ----------------------------------------------------------------------------------


def test_admin_add_change_delete_update_the_calendar_at_once(client, cast):
    client.force_login(cast.admin)
    saturday = D(2026, 12, 19)
    assert not is_working_day(saturday)

    response = client.post(
        reverse("admin:core_decreedday_add"),
        {"date": "2026-12-19", "is_working": "on", "reason": "Working Saturday", "source": "Decree No. 1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert is_working_day(saturday)

    decreed = DecreedDay.objects.get()
    response = client.post(
        reverse("admin:core_decreedday_change", args=[decreed.pk]),
        {"date": "2026-12-18", "reason": "Extra day off", "source": "Decree No. 2"},
    )
    assert response.status_code == 302
    assert not is_working_day(saturday)
    assert not is_working_day(D(2026, 12, 18))

    response = client.post(reverse("admin:core_decreedday_delete", args=[decreed.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert is_working_day(D(2026, 12, 18))

    assert client.get(reverse("admin:core_decreedday_changelist")).status_code == 200


def test_admin_bulk_delete_updates_the_calendar(client, cast):
    client.force_login(cast.admin)
    decreed_day_save(actor=cast.admin, date=D(2026, 12, 18), is_working=False, reason="Extra day off")
    assert not is_working_day(D(2026, 12, 18))
    response = client.post(
        reverse("admin:core_decreedday_changelist"),
        {"action": "delete_selected", "_selected_action": [DecreedDay.objects.get().pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert is_working_day(D(2026, 12, 18))


def test_admin_refuses_a_decree_that_changes_nothing(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        reverse("admin:core_decreedday_add"),
        {"date": "2026-12-18", "is_working": "on", "reason": "Typo", "source": ""},
    )
    assert response.status_code == 200
    assert not DecreedDay.objects.exists()
    assert response.context["adminform"].form.errors["date"]


def test_statutory_calendar_is_cached_per_year():
    calendar._statutory_calendar.cache_clear()
    is_working_day(D(2026, 3, 23))
    is_working_day(D(2026, 3, 24))
    assert calendar._statutory_calendar.cache_info().misses == 1


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 15), 3, D(2026, 4, 15)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 12, 31), 2, D(2027, 2, 28)),
        (D(2026, 8, 31), -6, D(2026, 2, 28)),
        (D(2026, 3, 30), 12, D(2027, 3, 30)),
        (D(2026, 5, 10), 0, D(2026, 5, 10)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert calendar.add_months(day, months) == expected


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)), st.integers(min_value=-240, max_value=240))
@settings(max_examples=200)
def test_add_months_lands_in_the_right_month(day, months):
    moved = calendar.add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or (moved.day < day.day and (moved + dt.timedelta(days=1)).day == 1)


def test_local_today_is_kazakhstan_s_date_not_the_server_s():
    # 20:30 UTC on 31 December is already 1 January in Astana (UTC+5).
    with time_machine.travel(dt.datetime(2026, 12, 31, 20, 30, tzinfo=dt.UTC), tick=False):
        assert calendar.local_today() == D(2027, 1, 1)
    with time_machine.travel(dt.datetime(2026, 12, 31, 18, 30, tzinfo=dt.UTC), tick=False):
        assert calendar.local_today() == D(2026, 12, 31)


def test_a_decreed_day_is_not_saved_unrecorded(cast, monkeypatch):
    """The kernel records through the seam the audit app plugs in; without it the write fails whole."""
    from tyndau.core import record

    monkeypatch.setattr(record, "_plugged", [])
    with pytest.raises(ImproperlyConfigured):
        decreed_day_save(actor=cast.admin, date=D(2026, 8, 31), is_working=False, reason="Decree")
    assert not DecreedDay.objects.exists()
