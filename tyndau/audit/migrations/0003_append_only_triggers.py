"""Refuse UPDATE and DELETE on the audit tables, on SQLite and on PostgreSQL.

The triggers stop the application (an ORM `update()`/`delete()`, a bug, an admin
action, a stray SQL console) from rewriting history. Someone with DDL rights can
still drop them; that is what the hash chain and the signed heads detect.

TRUNCATE is not blocked on PostgreSQL: Django's test flush uses it and no ORM
call issues it; production revokes TRUNCATE from the application role
(docs/audit-log.md). The SQL is written out here, not imported, so that this
migration keeps doing what it did when it was applied.
"""

from django.db import migrations

TABLES = ("audit_event", "audit_loghead")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION tyndau_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql
"""


def install_triggers(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for table in TABLES:
            for op in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op} refused'); END",
                    params=None,
                )
    elif connection.vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION tyndau_audit_refuse_change()",
                params=None,
            )
    else:
        raise NotImplementedError(f"append-only triggers are not written for {connection.vendor}")


def uninstall_triggers(apps, schema_editor):
    connection = schema_editor.connection
    for table in TABLES:
        if connection.vendor == "sqlite":
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}", params=None)
        elif connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}", params=None)
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS tyndau_audit_refuse_change()", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_loghead_chaincheck"),
    ]

    operations = [
        migrations.RunPython(install_triggers, uninstall_triggers, elidable=False),
    ]
