"""Shared view helpers: a domain refusal shown on its form field, bounded integers from the query."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict

from tyndau.core.errors import DomainError

# Service argument → the form field a person typed it in.
FIELD_OF = {"starts_at": "date", "ends_at": "end_time", "latitude": "latitude", "akimat": "akimat"}
# Form fields kept in a draft (what the organiser typed), re-validated when the draft is submitted.
DRAFT_FIELDS = (
    "form", "akimat", "purpose", "place_kind", "specialised_place", "route", "place_description", "latitude",
    "longitude", "date", "start_time", "end_time", "expected_participants", "over_capacity_confirmed", "means",
    "steward_name", "steward_phone", "organisation_name", "organisation_bin", "idempotency_key",
)  # fmt: skip


def draft_payload(post: QueryDict) -> dict[str, list[str]]:
    return {name: [v[:2000] for v in post.getlist(name)[:10]] for name in DRAFT_FIELDS if name in post}


def draft_data(payload: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in payload.items():
        if name in DRAFT_FIELDS:
            data.setlist(name, [str(v) for v in values])
    return data


def show_error(form: forms.Form, exc: DomainError) -> None:
    field = getattr(exc, "field", None)
    field = FIELD_OF.get(field or "", field)
    form.add_error(field if field in form.fields else None, str(exc))


def bounded_int(value: str | None, *, maximum: int = 2**31 - 1) -> int | None:
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    if number is None or not 0 < number <= maximum:
        return None
    return number


def draft_summary(payload: dict[str, list[str]]) -> dict[str, Any]:
    """What a draft is about, from what the organiser typed: its purpose and day (None if unreadable)."""
    try:
        day = dt.date.fromisoformat(str((payload.get("date") or [""])[0]))
    except ValueError:
        day = None
    return {"purpose": (payload.get("purpose") or [""])[0], "date": day}
