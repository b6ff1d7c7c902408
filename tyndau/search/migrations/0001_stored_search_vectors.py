"""Stored tsvector columns and GIN indexes for the two tables that grow without bound (PostgreSQL only).

`appeals_appeal.search_vector` (the published text) and `petitions_petition.search_vector` (title
weighted A, request B) are generated columns the models do not declare: only the search reads
them (tyndau.search.selectors.engine.StoredVector). The appeals index is partial (published
appeals only), like the register's own indexes. On SQLite this migration does nothing: the
search there matches with LIKE (tyndau/search/selectors/query.py).

A later migration that changes the type of `public_text`, `title` or `request_text` on PostgreSQL
must drop the column first (PostgreSQL refuses to alter a column a generated column uses) and add
it again after.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

VECTORS = {
    "appeals_appeal": "to_tsvector('simple'::regconfig, coalesce(public_text, ''))",
    "petitions_petition": (
        "setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('simple'::regconfig, coalesce(request_text, '')), 'B')"
    ),
}
INDEXES = {
    "appeals_appeal": ("appeal_search", "WHERE publish_consent"),
    "petitions_petition": ("petition_search", ""),
}


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, expression in VECTORS.items():
        index, where = INDEXES[table]
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
            f"GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_vector) {where}")


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in VECTORS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")  # drops the index


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0005_coordinates_in_kazakhstan"),
        ("petitions", "0004_text_length_limits"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
