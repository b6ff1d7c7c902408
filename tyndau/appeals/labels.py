"""How the appeals' audit payload values read on a timeline (registered in AppConfig.ready): a yes or
no, an outcome's label, a local date — never the stored True, "partly" or "2026-11-27"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext

from tyndau.appeals.models import ComplaintOutcome, FixAnswer, Outcome


def yes_no(value: Any, action: str) -> str:
    return gettext("Yes") if value else gettext("No")


def outcome(value: Any, action: str) -> str:
    choices = ComplaintOutcome if action.startswith("appeals.complaint.") else Outcome
    return str(choices(value).label) if value in choices.values else str(value)


def fix_answer(value: Any, action: str) -> str:
    return str(FixAnswer(value).label) if value in FixAnswer.values else str(value)


def local_date(value: Any, action: str) -> str:
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return date_format(day, "DATE_FORMAT")


PAYLOAD_FORMATS = {
    "on_time": yes_no,
    "within_term": yes_no,
    "outcome": outcome,
    "deadline": local_date,
    "new_deadline": local_date,
    "old_deadline": local_date,
    "decision_due": local_date,
    "pass_due": local_date,
    "answer_due": local_date,
    "fixed": fix_answer,
}
