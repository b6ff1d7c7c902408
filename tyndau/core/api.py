"""Shared pieces of the JSON API at /api/v1/ (Django Ninja); each app adds its
router in its own api.py, mounted by config/api.py."""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    """Ninja's error body: `{"detail": "..."}` (404 not found, 422 invalid input)."""

    detail: str


# For operations that look an object up: documented so clients (and the
# schema-conformance fuzzing) know a 404 is a normal answer.
NOT_FOUND = {404: ErrorOut}
