"""One hot statement, as cheaply as the database allows.

Django's PostgreSQL cursor binds parameters on the client: every execution re-parses the SQL in
Python and the server plans it again. For the few statements that run once per request on the
signing path, `fetchone_hot` runs them as server-side prepared statements on the same connection
(psycopg's `prepare=True`: parsed and planned once per connection, then only executed). Anywhere
else it is Django's cursor. Errors are Django's `DatabaseError` subclasses either way, and the
connection is marked as having had an error, as Django's own cursor does, so the next request
checks it before reuse.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import DatabaseError, connection
from django.db.utils import DatabaseErrorWrapper


def fetchone_hot(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """Execute `sql` (with %s placeholders) and return its first row, or None."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row: tuple[Any, ...] | None = cursor.fetchone()
            return row
    import psycopg

    connection.ensure_connection()
    connection.validate_no_broken_transaction()
    with DatabaseErrorWrapper(connection), psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        return cursor.fetchone()


__all__ = ["DatabaseError", "fetchone_hot"]
