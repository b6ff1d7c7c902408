"""Refuse TRUNCATE on the audit tables on PostgreSQL (a statement-level trigger).

Migration 0003 refuses UPDATE and DELETE row by row; TRUNCATE fires no row trigger,
so `TRUNCATE audit_event, audit_loghead` emptied the log and `audit_verify` said
"OK: 0 events" (issue 10.14). A `BEFORE TRUNCATE ... FOR EACH STATEMENT` trigger
refuses it with the same function. SQLite has no TRUNCATE: its `DELETE FROM` is a
row delete and already refused by 0003.

Tests flush tables with TRUNCATE after transactional tests; they do so with
`session_replication_role = replica` (tyndau/audit/tests/flush.py), which only a
superuser may set and under which no ordinary trigger fires. The application role in
production is not a superuser (docs/audit-log.md). The SQL is written out here so this
migration keeps doing what it did when it was applied.
"""

from django.db import migrations

TABLES = ("audit_event", "audit_loghead")


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION tyndau_audit_refuse_change()",
            params=None,
        )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_append_only_triggers"),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
