"""Shared view helpers: a domain refusal shown on its form field."""

from __future__ import annotations

from django import forms

from tyndau.core.errors import DomainError

FIELD_OF = {"charter": None, "citations": None, "comments": None}


def show_error(form: forms.Form, exc: DomainError) -> None:
    field = getattr(exc, "field", None)
    field = FIELD_OF.get(field or "", field)
    form.add_error(field if field in form.fields else None, str(exc))
