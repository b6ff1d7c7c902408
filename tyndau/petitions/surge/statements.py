"""The hand-written statements of signing, each written once and held to the ORM path it mirrors by
one parity test (tests/test_surge.py).

- the signature INSERT (`INSERT … ON CONFLICT DO NOTHING RETURNING id`): no savepoint and no
  exception on a repeat, and none of the ORM's query compilation, which cost more CPU than the
  statement. A conflict is the partial unique index on (petition, IIN) of the signatures that hold
  their IIN (models.HOLDS_IIN): the statement then writes nothing and returns no id;
- on PostgreSQL, the same INSERT and the confirmation letter's outbox row in one statement (ADR 0010);
- the confirming UPDATE, guarded by the petition's state and the signature's lapse in the statement.

Table and column names come from model metadata (the outbox's from `notifications.services.outbox_row`);
every value is a parameter.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from tyndau.core.calendar import local
from tyndau.core.db import fetchone_first, fetchone_hot
from tyndau.notifications.models import OutgoingEmail
from tyndau.notifications.services import email_committed, outbox_row
from tyndau.petitions.fraud import email_domain, normalise_email
from tyndau.petitions.models import SIGNABLE_STATUSES, Petition, Signature, SignatureStatus

# Every column of a signature row the signing paths write; the rest take their defaults.
COLUMNS = (
    "petition_id", "iin_hash", "iin_encrypted", "name_encrypted", "public_name", "email_hash",
    "email_encrypted", "email_domain", "ip_address", "region_id", "user_id", "notify_on_response",
    "status", "created_at", "confirmed_at",
)  # fmt: skip


def public_name(first_name: str, last_name: str) -> str:
    """What a signer who agreed to be shown is shown as: first name and surname initial."""
    first = first_name.strip().split(" ")[0][:40]
    initial = last_name.strip()[:1]
    return f"{first} {initial}." if initial else first


# ---------------------------------------------------------------- the signature INSERT
@functools.cache
def _insert_sql(*, with_id: bool) -> str:
    """THE signature INSERT, built once per process; `with_id` when the caller drew the id."""
    columns = ("id", *COLUMNS) if with_id else COLUMNS
    return (
        f"INSERT INTO {Signature._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT DO NOTHING RETURNING id"
    )


def _values(signature: Signature) -> list[Any]:
    fields = {f.column: f for f in Signature._meta.concrete_fields}
    return [fields[c].get_db_prep_save(getattr(signature, fields[c].attname), connection) for c in COLUMNS]


def _saved(signature: Signature, signature_id: int) -> None:
    signature.pk = signature_id
    signature._state.adding = False
    signature._state.db = connection.alias


def insert_verified(
    *,
    petition_id: int,
    identity: dict[str, Any],
    user_id: int,
    first_name: str,
    last_name: str,
    email: str,
    show_name: bool,
    notify_on_response: bool,
    ip: str | None,
) -> int | None:
    """One-step signing's one statement: a confirmed signature; its id, or None if the IIN is held.

    In autocommit, with no model instance. Callers have checked the identity and the signing state."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    values = {
        "petition_id": petition_id,
        "iin_hash": identity["iin_hash"],
        "iin_encrypted": identity["iin_encrypted"],
        "name_encrypted": "",
        "public_name": public_name(first_name, last_name) if show_name else "",
        "email_hash": "",
        "email_encrypted": "",
        "email_domain": email_domain(normalise_email(email)),
        "ip_address": ip,
        "region_id": identity["region_id"],
        "user_id": user_id,
        "notify_on_response": notify_on_response,
        "status": SignatureStatus.CONFIRMED.value,
        "created_at": now,
        "confirmed_at": now,
    }
    row = fetchone_hot(_insert_sql(with_id=False), [values[c] for c in COLUMNS])
    return int(row[0]) if row else None


# ---------------------------------------------------------------- a pending signature and its letter
@functools.cache
def _with_letter_sql(outbox_table: str, outbox_columns: tuple[str, ...], typed: tuple[str, ...]) -> str:
    return (
        f"WITH s AS ({_insert_sql(with_id=True)}) "  # noqa: S608
        f"INSERT INTO {outbox_table} ({', '.join(outbox_columns)}) SELECT {', '.join(typed)} FROM s RETURNING id"
    )


def _next_signature_id() -> int:
    """A signature id from the table's sequence: the request's first statement (`fetchone_first`:
    a dead persistent connection is replaced without a health check on every request)."""
    row = fetchone_first("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Signature._meta.db_table])
    assert row is not None
    return int(row[0])


def insert_pending(signature: Signature, letter: Callable[[int], OutgoingEmail]) -> bool:
    """Store the unsaved pending `signature` and its confirmation letter, `letter(signature id)`
    (composed, not saved), both or neither; False, and nothing written, when the IIN is held.

    On PostgreSQL one statement in autocommit: the id is drawn from the sequence first (the letter's
    link carries it), then `WITH s AS (INSERT signature … ON CONFLICT DO NOTHING RETURNING id) INSERT
    INTO outbox … SELECT … FROM s`. Elsewhere the same INSERT and the outbox row in one transaction.
    Either way the letter is handed to the outbox's sender after commit, as `notify` does."""
    if connection.vendor == "postgresql":
        signature_id = _next_signature_id()
        outbox = outbox_row(letter(signature_id), connection)
        sql = _with_letter_sql(outbox.table, outbox.columns, outbox.typed)
        row = fetchone_hot(sql, [signature_id, *_values(signature), *outbox.values])
        if row is None:
            return False
        _saved(signature, signature_id)
        email_id = int(row[0])
    else:
        with transaction.atomic():
            row = fetchone_hot(_insert_sql(with_id=False), _values(signature))
            if row is None:
                return False
            _saved(signature, int(row[0]))
            email = letter(signature.pk)
            email.save(force_insert=True)
            email_id = email.pk
    transaction.on_commit(functools.partial(email_committed, email_id))  # at once in autocommit
    return True


# ---------------------------------------------------------------- confirming
@functools.cache
def _confirm_sql() -> str:
    signatures, petitions = Signature._meta.db_table, Petition._meta.db_table
    statuses = ", ".join(["%s"] * len(SIGNABLE_STATUSES))
    return (
        f"UPDATE {signatures} SET status = %s, confirmed_at = %s "  # noqa: S608
        f"WHERE id = %s AND status = %s AND created_at >= %s AND EXISTS (SELECT 1 FROM {petitions} p "
        f"WHERE p.id = {signatures}.petition_id AND p.status IN ({statuses}) "
        "AND (p.closes_on IS NULL OR p.closes_on >= %s)) RETURNING petition_id"
    )


def confirm_pending(signature_id: int, *, lapsed_before: dt.datetime) -> int | None:
    """PENDING → CONFIRMED for a signature made at or after `lapsed_before` of a petition that collects
    signatures today, in one statement; its petition's id, or None when nothing changed.

    Prepared, and the request's first statement (no health check; safe to run twice: it only
    changes a pending row)."""
    fields = {f.name: f for f in Signature._meta.concrete_fields}
    now = timezone.now()
    params = [
        SignatureStatus.CONFIRMED.value,
        fields["confirmed_at"].get_db_prep_save(now, connection),
        signature_id,
        SignatureStatus.PENDING.value,
        fields["created_at"].get_db_prep_save(lapsed_before, connection),
        *(s.value for s in SIGNABLE_STATUSES),
        Petition._meta.get_field("closes_on").get_db_prep_save(local(now).date(), connection),
    ]
    row = fetchone_first(_confirm_sql(), params)
    return int(row[0]) if row else None
