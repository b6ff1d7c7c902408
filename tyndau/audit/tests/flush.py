"""A pytest plugin: the test database's flush may TRUNCATE the append-only audit tables.

pytest-django ends each transactional test (`django_db(transaction=True)`, live_server) with
Django's `flush`, which on PostgreSQL is one TRUNCATE of every table. The audit tables refuse
TRUNCATE (migration audit 0004), so the flush runs with `session_replication_role = replica`,
under which ordinary triggers do not fire; only a superuser may set it, as the test role is
and the production application role is not. Loaded from the root conftest.py.
"""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_audit_triggers() -> Any:
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: DatabaseOperations, sql_list: list[str]) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        try:
            original(self, sql_list)
        finally:
            with self.connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")

    DatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    DatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]
