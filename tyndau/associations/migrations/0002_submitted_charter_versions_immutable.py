"""Refuse UPDATE and DELETE of a submitted charter version, on SQLite and on PostgreSQL.

A charter version whose `submitted_at` is set is what the applicant submitted and what the registrar
reviews, cites and registers by its hash: nobody may change it — not the ORM, an admin action, a bug or
a stray SQL console. Drafts (`submitted_at` NULL) stay editable, and the one UPDATE that freezes a draft
(setting `submitted_at`) is allowed because the trigger looks at the row as it was. Copied from the
audit log's triggers (tyndau/audit/migrations/0003_append_only_triggers.py); the SQL is written out here
so that this migration keeps doing what it did when it was applied.
"""

from django.db import migrations

TABLE = "associations_charterversion"

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION tyndau_charter_refuse_change() RETURNS trigger AS $$
BEGIN
    IF OLD.submitted_at IS NOT NULL THEN
        RAISE EXCEPTION '% is immutable once submitted: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql
"""


def install_triggers(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER {TABLE}_submitted_no_{op.lower()} BEFORE {op} ON {TABLE} "
                "FOR EACH ROW WHEN OLD.submitted_at IS NOT NULL "
                f"BEGIN SELECT RAISE(ABORT, '{TABLE} is immutable once submitted: {op} refused'); END",
                params=None,
            )
    elif connection.vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_submitted_immutable BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION tyndau_charter_refuse_change()",
            params=None,
        )
    else:
        raise NotImplementedError(f"charter immutability triggers are not written for {connection.vendor}")


def uninstall_triggers(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_submitted_no_{op}", params=None)
    elif connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_submitted_immutable ON {TABLE}", params=None)
        schema_editor.execute("DROP FUNCTION IF EXISTS tyndau_charter_refuse_change()", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("associations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install_triggers, uninstall_triggers, elidable=False),
    ]
