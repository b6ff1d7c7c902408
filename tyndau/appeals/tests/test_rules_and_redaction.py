from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from tyndau.appeals import rules
from tyndau.appeals.services.filing import clock_for
from tyndau.core.calendar import KZ_TZ, add_months
from tyndau.core.redaction import redact, street_level


def test_every_term_has_a_source() -> None:
    assert {r.key for r in rules.RULES.values()} >= {
        "answer_wd",
        "forward_wd",
        "extension_cap_months",
        "extension_notice_wd",
        "complaint_window_months",
        "complaint_pass_wd",
        "complaint_decision_wd",
    }
    assert all(r.source for r in rules.RULES.values())
    assert rules.RULES["complaint_decision_wd"].confirmed is False


@override_settings(APPEAL_RULES={"complaint_decision_wd": 30})
def test_unconfirmed_term_is_configurable() -> None:
    assert rules.term("complaint_decision_wd") == 30


@pytest.mark.django_db
def test_deadline_skips_nauryz_holidays() -> None:
    # Filed Friday 20 March 2026 10:00; Nauryz 21–23 March (+ the transfer) are days off.
    clock = clock_for(dt.datetime(2026, 3, 20, 10, 0, tzinfo=KZ_TZ))
    assert clock["registered_on"] == dt.date(2026, 3, 20)
    from tyndau.core.calendar import is_working_day, working_days_between

    assert working_days_between(clock["registered_on"], clock["deadline"]) == 15
    assert is_working_day(clock["deadline"])
    assert clock["deadline"] > dt.date(2026, 4, 9)  # plain weekdays would give 10 April or earlier


@pytest.mark.django_db
def test_weekend_submission_registers_monday() -> None:
    clock = clock_for(dt.datetime(2026, 4, 11, 12, 0, tzinfo=KZ_TZ))  # Saturday
    assert clock["registered_on"] == dt.date(2026, 4, 13)


def test_add_months_clamps_month_end() -> None:
    assert add_months(dt.date(2026, 12, 31), 2) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 1, 15), 3) == dt.date(2026, 4, 15)


def test_redaction() -> None:
    text = (
        "Меня зовут Айгүл Серікова, ИИН 061211600012, тел. 8 (701) 123-45-67, почта a.b@mail.kz, "
        "живу ул. Абая, 15, кв. 7. Айгүлге звоните +77011234567."
    )
    out = redact(text, names=["Айгүл", "Серікова"])
    for secret in ("061211600012", "701", "a.b@mail.kz", "Айгүл", "Серікова", "15", "кв. 7"):
        assert secret not in out, secret
    assert "ул. Абая" in out


def test_street_level() -> None:
    assert street_level("г. Астана, ул. Абая, 15, кв. 7") == "г. Астана, ул. Абая"
    assert street_level("Астана, Абай даңғылы 12/3") == "Астана, Абай даңғылы"
