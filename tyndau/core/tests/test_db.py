"""tyndau.core.db.fetchone_hot: the hot statements really are server-side prepared on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from tyndau.core.db import fetchone_hot


def test_result_is_the_first_row(db: Any) -> None:
    assert fetchone_hot("SELECT %s + 1", [41]) == (42,)
    assert fetchone_hot("SELECT 1 WHERE 1 = %s", [0]) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_statement_is_prepared_once_and_then_only_executed(db: Any) -> None:
    sql = "SELECT %s::int * 2 AS tyndau_prepared_probe"
    for n in range(3):
        assert fetchone_hot(sql, [n]) == (2 * n,)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%tyndau_prepared_probe%"],
        )
        rows = cursor.fetchall()
    # psycopg ignores prepare=True unless the connection has a prepare threshold (config/env.py).
    assert rows == [(3,)], "one prepared statement, executed three times"
