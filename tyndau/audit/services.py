"""Writing to the audit log. Call `record_event` inside the service's transaction."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone

from tyndau.audit import signing
from tyndau.audit.models import ChainCheck, Event, LogHead

if TYPE_CHECKING:
    from tyndau.audit.selectors import VerificationResult

GENESIS_HASH = "0" * 64


def canonical_json(data: Any) -> str:
    """Sorted keys, no spaces, UTF-8 kept: the same content always gives the same bytes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_content(
    *,
    seq: int,
    occurred_at: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    payload: dict[str, Any],
) -> dict[str, Any]:
    return {
        "seq": seq,
        "occurred_at": occurred_at,
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "payload": payload,
    }


def compute_hash(prev_hash: str, content: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(content)).encode("utf-8")).hexdigest()


def _lock_chain_head() -> None:
    """Serialise writers of the chain: each new row needs the previous row's hash."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(7261001)")
    # SQLite: transactions are IMMEDIATE (settings), so the writer already holds the lock.


def record_event(
    *,
    actor: Any | None,
    action: str,
    obj: models.Model | None = None,
    payload: dict[str, Any] | None = None,
    actor_label: str = "",
) -> Event:
    """Append one event. Must run inside the caller's `transaction.atomic()`.

    `payload` must not contain personal data (IIN, phone, e-mail, address, names):
    the log is published for verification.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must be called inside transaction.atomic()")
    _lock_chain_head()
    last = Event.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    occurred_at = timezone.now()
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    label = actor_label or ("user" if actor_id else "system")
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None else ""
    clean_payload = json.loads(canonical_json(payload or {}))
    content = event_content(
        seq=seq,
        occurred_at=occurred_at.isoformat(),
        actor_id=actor_id,
        actor_label=label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        payload=clean_payload,
    )
    return Event.objects.create(
        seq=seq,
        occurred_at=occurred_at,
        actor_id=actor_id,
        actor_label=label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        payload=clean_payload,
        prev_hash=prev_hash,
        hash=compute_hash(prev_hash, content),
    )


def event_row_hash(
    *,
    prev_hash: str,
    seq: int,
    occurred_at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    payload: dict[str, Any],
) -> str:
    """The hash a stored row must have: what `record_event` computed when it wrote it."""
    content = event_content(
        seq=seq,
        occurred_at=occurred_at.astimezone(UTC).isoformat(),
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        payload=payload,
    )
    return compute_hash(prev_hash, content)


def log_head_sign() -> LogHead | None:
    """Sign the current head of the chain and store it. Idempotent: None if the head is already signed."""
    with transaction.atomic():
        head = Event.objects.order_by("-seq").values_list("seq", "hash").first()
        if head is None:
            return None
        seq, head_hash = head
        if LogHead.objects.filter(seq=seq).exists():
            return None
        return LogHead.objects.create(
            seq=seq,
            hash=head_hash,
            signed_at=timezone.now(),
            signature=signing.sign(seq, head_hash),
            public_key=signing.public_key_b64(),
        )


def chain_check_record(*, result: VerificationResult) -> ChainCheck:
    """Remember the outcome of a verification run for the public page."""
    return ChainCheck.objects.create(
        checked_at=result.checked_at,
        ok=result.ok,
        event_count=result.count,
        head_seq=result.head_seq,
        broken_seq=result.broken_seq,
        reason=result.reason,
    )
