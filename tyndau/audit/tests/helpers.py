from __future__ import annotations

from typing import Any

from django.db import connection, transaction

from tyndau.audit.actions import register_actions
from tyndau.audit.models import Event
from tyndau.audit.services import record_event

# Codes the audit tests write (record_event refuses unregistered codes in tests).
register_actions({"tests.thing.done": "Thing done", "tests.appeal.forwarded": "Forwarded (test)"})


def record(n: int = 1, *, action: str = "tests.thing.done", obj: Any = None, **kwargs: Any) -> list[Event]:
    events = []
    for i in range(n):
        with transaction.atomic():
            events.append(record_event(actor=None, action=action, obj=obj, payload={"n": i}, **kwargs))
    return events


def disable_append_only_triggers(table: str = "audit_event") -> None:
    """What an attacker with database access does first. The test transaction undoes it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER {table}_no_update")
            cursor.execute(f"DROP TRIGGER {table}_no_delete")
        else:
            # Fire the deferred FK checks queued by the inserts first, or ALTER TABLE refuses.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_no_truncate")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
