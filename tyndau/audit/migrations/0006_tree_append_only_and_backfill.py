"""The Merkle tree and the checkpoints are append-only like the events; build the tree of existing events.

Triggers as in 0003/0004 (UPDATE/DELETE refused on SQLite and PostgreSQL, TRUNCATE on PostgreSQL).
The backfill computes, for every event already in the log, its RFC 9162 leaf hash
SHA-256(0x00 ‖ canonical JSON of the event's content) and the subtrees it completes, exactly as
record_event now does for each new event. The formulas are written out here so that this migration
keeps doing what it did when it was applied.
"""

import hashlib
import json
from datetime import UTC

from django.db import migrations

TABLES = ("audit_treenode", "audit_checkpoint")


def install_triggers(apps, schema_editor, tables=TABLES):
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "sqlite":
            for op in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op} refused'); END",
                    params=None,
                )
        elif vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION tyndau_audit_refuse_change()",
                params=None,
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION tyndau_audit_refuse_change()",
                params=None,
            )
        else:
            raise NotImplementedError(f"append-only triggers are not written for {vendor}")


def uninstall_triggers(apps, schema_editor, tables=TABLES):
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "sqlite":
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}", params=None)
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}", params=None)
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}", params=None)


def _leaf(event):
    content = {
        "seq": event["seq"],
        "occurred_at": event["occurred_at"].astimezone(UTC).isoformat(),
        "actor_id": event["actor_id"],
        "actor_label": event["actor_label"],
        "action": event["action"],
        "object_type": event["object_type"],
        "object_id": event["object_id"],
        "payload": event["payload"],
    }
    data = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(b"\x00" + data.encode("utf-8")).digest()


def backfill(apps, schema_editor):
    Event = apps.get_model("audit", "Event")
    TreeNode = apps.get_model("audit", "TreeNode")
    stack = []  # (level, position, hash) of the right edge, like a binary counter
    batch = []
    fields = ("seq", "occurred_at", "actor_id", "actor_label", "action", "object_type", "object_id", "payload")
    for event in Event.objects.order_by("seq").values(*fields).iterator(chunk_size=2000):
        index = event["seq"] - 1
        value, level, position = _leaf(event), 0, index
        batch.append(TreeNode(level=0, position=index, hash=value))
        while stack and stack[-1][0] == level:
            _, _, left = stack.pop()
            value = hashlib.sha256(b"\x01" + left + value).digest()
            level, position = level + 1, position >> 1
            batch.append(TreeNode(level=level, position=position, hash=value))
        stack.append((level, position, value))
        if len(batch) >= 5000:
            TreeNode.objects.bulk_create(batch)
            batch = []
    TreeNode.objects.bulk_create(batch)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0005_tree_and_checkpoints"),
    ]

    operations = [
        migrations.RunPython(install_triggers, uninstall_triggers, elidable=False),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
    ]
