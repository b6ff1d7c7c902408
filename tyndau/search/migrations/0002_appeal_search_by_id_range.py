"""The published appeals' GIN index also over `id` (PostgreSQL only; `btree_gin`, a contrib extension).

The search takes the newest matches. When the newest 5,000 published appeals hold too few, it asks the GIN
index for older ones in the id range that should hold what is missing (tyndau.search.selectors.engine).
With `id` in the index PostgreSQL combines the word's matches with the range before it reads the table, so
a word in a few percent of a million appeals reads ~600 rows rather than all its 10,000 matches
(docs/performance.md, "Search"). Queries on the vector alone use the same index, so it replaces
`appeal_search`.

`btree_gin` ships with PostgreSQL and is a trusted extension: the database owner may create it. Where it
cannot be created (a role without CREATE on the database), the old index stays and the search still works,
only slower for such words; `manage.py check` is unaffected.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):  # a savepoint: a refusal keeps the rest
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    except DatabaseError as exc:
        logger.warning("search: btree_gin not available (%s); appeal_search kept", type(exc).__name__)
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS appeal_search_by_id ON appeals_appeal USING gin (search_vector, id) "
        "WHERE publish_consent"
    )
    schema_editor.execute("DROP INDEX IF EXISTS appeal_search")


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS appeal_search ON appeals_appeal USING gin (search_vector) WHERE publish_consent"
    )
    schema_editor.execute("DROP INDEX IF EXISTS appeal_search_by_id")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_stored_search_vectors")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
