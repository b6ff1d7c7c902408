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

import time
from collections.abc import Sequence
from typing import Any

from django.db import DatabaseError, connection, connections
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
    started = time.monotonic()
    try:
        with DatabaseErrorWrapper(connection), psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, params, prepare=True)
            return cursor.fetchone()
    finally:
        if connection.queries_logged:  # DEBUG or a test counting queries: seen as Django's own are
            # The statement without its values: they may be personal data.
            connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})


def fetchone_first(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """`fetchone_hot` for a request's first statement, in place of Django's per-request health check.

    With `CONN_HEALTH_CHECKS` Django runs `SELECT 1` before a request's first query, a round trip
    the signing hot path does without: if the persistent connection has died, this statement fails,
    and it runs once more on a fresh connection. Only for statements that are safe to run twice
    (idempotent, or writing nothing when they fail), and never inside a transaction, which a new
    connection could not continue."""
    try:
        return fetchone_hot(sql, params)
    except DatabaseError:
        if connection.in_atomic_block or not close_if_broken():
            raise
        return fetchone_hot(sql, params)


def close_if_broken() -> bool:
    """Close this thread's connection if it is open and no longer answers; True if it was closed.
    The next statement then connects afresh."""
    if connection.connection is not None and not connection.is_usable():
        connection.close()
        return True
    return False


def close_all_connections() -> None:
    """Drop every connection of this thread; a broken one must not be reused."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except DatabaseError:
            conn.connection = None  # the socket is gone already; forget it so the next query reconnects


__all__ = ["DatabaseError", "close_all_connections", "close_if_broken", "fetchone_first", "fetchone_hot"]
