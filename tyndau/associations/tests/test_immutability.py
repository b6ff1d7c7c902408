"""A submitted charter version is immutable at the database level (migration 0002), like the audit log:
an ORM update, a queryset update, a delete or raw SQL are all refused; a draft stays editable."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from tyndau.associations.models import Application, CharterVersion

pytestmark = pytest.mark.django_db


def _version(cast: Any, *, submitted: bool) -> CharterVersion:
    now = timezone.now()
    application = Application.objects.create(
        number="PO-260304-TEST01",
        idempotency_key="00000000-0000-0000-0000-000000000001",
        invite_token="token-1",
        form="local",
        name_kk="Атауы",
        name_ru="Название",
        address="Astana",
        head_name="Head",
        applicant=cast.citizen,
        registering_body=cast.justice,
        created_at=now,
    )
    return CharterVersion.objects.create(
        application=application,
        number=1,
        content={"sections": []},
        author=cast.citizen,
        created_at=now,
        updated_at=now,
        submitted_at=now if submitted else None,
        content_hash="a" * 64 if submitted else "",
    )


def test_a_draft_can_be_edited_and_frozen(cast: Any) -> None:
    version = _version(cast, submitted=False)
    version.content = {"sections": [{"kind": "name"}]}
    version.save()
    version.submitted_at, version.content_hash = timezone.now(), "b" * 64
    version.save()  # the freezing update itself is allowed: the trigger looks at the old row
    version.refresh_from_db()
    assert version.is_submitted


@pytest.mark.parametrize("how", ["save", "queryset_update", "delete", "raw_sql"])
def test_a_submitted_version_refuses_every_change(cast: Any, how: str) -> None:
    version = _version(cast, submitted=True)
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        if how == "save":
            version.content = {"sections": [{"kind": "name", "clauses": []}]}
            version.save()
        elif how == "queryset_update":
            CharterVersion.objects.filter(pk=version.pk).update(content_hash="c" * 64)
        elif how == "delete":
            CharterVersion.objects.filter(pk=version.pk).delete()
        else:
            with connection.cursor() as cursor:
                cursor.execute("UPDATE associations_charterversion SET submitted_at = NULL WHERE id = %s", [version.pk])
    version.refresh_from_db()
    assert version.content == {"sections": []}
    assert version.content_hash == "a" * 64
