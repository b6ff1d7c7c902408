"""The database itself refuses UPDATE and DELETE on the audit tables (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from tyndau.audit.models import Event, LogHead
from tyndau.audit.services import log_head_sign
from tyndau.audit.tests.helpers import record

pytestmark = pytest.mark.django_db


def _refused(fn) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        fn()


def test_orm_update_and_delete_are_refused():
    event = record(2)[0]
    _refused(lambda: Event.objects.filter(pk=event.pk).update(action="tests.thing.undone"))
    event.action = "tests.thing.undone"
    _refused(lambda: event.save())
    _refused(lambda: event.delete())
    _refused(lambda: Event.objects.all().delete())
    assert Event.objects.count() == 2
    assert Event.objects.get(pk=event.pk).action == "tests.thing.done"


def test_raw_sql_update_and_delete_are_refused():
    record(2)
    with connection.cursor() as cursor:
        _refused(lambda: cursor.execute("UPDATE audit_event SET action = 'x.y.z' WHERE seq = 1"))
        _refused(lambda: cursor.execute("DELETE FROM audit_event WHERE seq = 2"))
    assert list(Event.objects.values_list("seq", "action")) == [(1, "tests.thing.done"), (2, "tests.thing.done")]


def test_signed_heads_are_append_only_too():
    record(1)
    head = log_head_sign()
    assert head is not None
    _refused(lambda: LogHead.objects.filter(pk=head.pk).update(hash="0" * 64))
    _refused(lambda: LogHead.objects.filter(pk=head.pk).delete())
    with connection.cursor() as cursor:
        _refused(lambda: cursor.execute("DELETE FROM audit_loghead"))
    assert LogHead.objects.count() == 1


def test_inserting_still_works():
    assert [e.seq for e in record(3)] == [1, 2, 3]
