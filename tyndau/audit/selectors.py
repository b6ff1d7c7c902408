"""Reading the audit log: chain verification, receipts, timelines, public status."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tyndau.audit import signing
from tyndau.audit.actions import action_label, actor_role_label, payload_field_label
from tyndau.audit.models import ChainCheck, Event, LogHead
from tyndau.audit.services import GENESIS_HASH, event_row_hash

# Reasons a chain is broken; the codes are stored in ChainCheck.reason.
REASONS = {
    "seq_gap": _("gap in the sequence"),
    "prev_hash_mismatch": _("previous-hash link does not match"),
    "hash_mismatch": _("hash does not match the content"),
    "head_mismatch": _("a signed head no longer matches the chain"),
    "bad_signature": _("a signed head has an invalid signature"),
}

_CHUNK = 2000


@dataclass(frozen=True)
class VerificationResult:
    ok: bool
    count: int
    head_seq: int | None
    head_hash: str
    checked_at: datetime
    broken_seq: int | None = None
    reason: str = ""  # a key of REASONS
    detail: str = ""  # English, for operators (the command's output)
    signed_heads_checked: int = 0

    @property
    def reason_label(self) -> str:
        return str(REASONS[self.reason]) if self.reason else ""


def _broken(count: int, head: tuple[int | None, str], seq: int, reason: str, detail: str) -> VerificationResult:
    return VerificationResult(
        ok=False,
        count=count,
        head_seq=head[0],
        head_hash=head[1],
        checked_at=timezone.now(),
        broken_seq=seq,
        reason=reason,
        detail=detail,
    )


def verify_chain() -> VerificationResult:
    """Recompute every link of the chain in seq order, in constant memory.

    Stops at the first broken link: a missing seq (gap), a row whose prev_hash is
    not the previous row's hash (rows reordered or removed), a row whose hash does
    not match its content (edited). Then checks every signed head: the row at the
    signed seq must still carry the signed hash, and the signature must verify —
    this is what catches a truncated tail.
    """
    heads = {
        seq: (head_hash, sig, key)
        for seq, head_hash, sig, key in LogHead.objects.values_list("seq", "hash", "signature", "public_key")
    }
    seen_heads: dict[int, str] = {}
    expected_seq = 1
    prev_hash = GENESIS_HASH
    count = 0
    rows = Event.objects.order_by("seq").values_list(
        "seq",
        "occurred_at",
        "actor_id",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "payload",
        "prev_hash",
        "hash",
    )
    for (
        seq,
        occurred_at,
        actor_id,
        actor_label,
        action,
        object_type,
        object_id,
        payload,
        row_prev,
        row_hash,
    ) in rows.iterator(chunk_size=_CHUNK):
        here = (seq, row_hash)
        if seq != expected_seq:
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}..{seq - 1}"
            if seq < expected_seq:
                return _broken(count, here, seq, "seq_gap", f"seq {seq} appears out of order after {expected_seq - 1}")
            return _broken(count, here, expected_seq, "seq_gap", f"seq {missing} missing (next row is {seq})")
        if row_prev != prev_hash:
            return _broken(
                count,
                here,
                seq,
                "prev_hash_mismatch",
                f"seq {seq}: prev_hash {row_prev[:16]}… but the previous row's hash is {prev_hash[:16]}…",
            )
        recomputed = event_row_hash(
            prev_hash=row_prev,
            seq=seq,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            payload=payload,
        )
        if recomputed != row_hash:
            return _broken(
                count,
                here,
                seq,
                "hash_mismatch",
                f"seq {seq}: stored hash {row_hash[:16]}… but the content hashes to {recomputed[:16]}…",
            )
        if seq in heads:
            seen_heads[seq] = row_hash
        count += 1
        expected_seq = seq + 1
        prev_hash = row_hash
    head = (expected_seq - 1 if count else None, prev_hash if count else "")
    for seq in sorted(heads):
        signed_hash, signature, public_key = heads[seq]
        if seen_heads.get(seq) != signed_hash:
            return _broken(
                count,
                head,
                seq,
                "head_mismatch",
                f"signed head at seq {seq} ({signed_hash[:16]}…) is not in the chain any more",
            )
        if not signing.verify_signature(
            seq=seq, head_hash=signed_hash, signature_b64=signature, public_key_b64_value=public_key
        ):
            return _broken(count, head, seq, "bad_signature", f"signed head at seq {seq}: signature does not verify")
    return VerificationResult(
        ok=True,
        count=count,
        head_seq=head[0],
        head_hash=head[1],
        checked_at=timezone.now(),
        signed_heads_checked=len(heads),
    )


# Receipts --------------------------------------------------------------------

RECEIPT_HASH_CHARS = 16
_RECEIPT_RE = re.compile(rf"^(\d{{1,18}})-([0-9a-f]{{{RECEIPT_HASH_CHARS}}})$")


def receipt_for(event: Event) -> str:
    """A short code a person keeps to prove later that their event is in the chain: '<seq>-<16 hex>'."""
    return f"{event.seq}-{event.hash[:RECEIPT_HASH_CHARS]}"


@dataclass(frozen=True)
class ReceiptCheck:
    found: bool
    seq: int | None = None
    action_label: str = ""
    occurred_at: datetime | None = None
    hash: str = ""
    intact: bool = False  # the row's own hash recomputes from its content


def parse_receipt(code: str) -> tuple[int, str] | None:
    match = _RECEIPT_RE.match(code.strip().lower())
    return (int(match.group(1)), match.group(2)) if match else None


def receipt_check(*, code: str) -> ReceiptCheck:
    """Look a receipt up. Shows only public facts: action label, time, hash. Never the actor or payload."""
    parsed = parse_receipt(code)
    if parsed is None:
        return ReceiptCheck(found=False)
    seq, prefix = parsed
    event = Event.objects.filter(seq=seq, hash__startswith=prefix).first()
    if event is None:
        return ReceiptCheck(found=False)
    intact = event.hash == event_row_hash(
        prev_hash=event.prev_hash,
        seq=event.seq,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        payload=event.payload,
    )
    return ReceiptCheck(
        found=True,
        seq=event.seq,
        action_label=action_label(event.action),
        occurred_at=event.occurred_at,
        hash=event.hash,
        intact=intact,
    )


# Public status -----------------------------------------------------------------


@dataclass(frozen=True)
class ChainStatus:
    count: int
    head_seq: int | None
    head_hash: str
    latest_head: LogHead | None
    last_check: ChainCheck | None
    public_key_b64: str
    public_key_pem: str


def chain_status() -> ChainStatus:
    head = Event.objects.order_by("-seq").values_list("seq", "hash").first()
    return ChainStatus(
        # seq has no gaps (audit_verify checks it), so the head's seq is the count without a table scan.
        count=head[0] if head else 0,
        head_seq=head[0] if head else None,
        head_hash=head[1] if head else "",
        latest_head=LogHead.objects.order_by("-seq").first(),
        last_check=ChainCheck.objects.order_by("-checked_at").first(),
        public_key_b64=signing.public_key_b64(),
        public_key_pem=signing.public_key_pem(),
    )


# Timelines --------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: datetime
    action: str
    label: str  # in the active language
    actor_role: str  # a role label ("Official", "System"), never a name
    details: list[tuple[str, str]] = field(default_factory=list)  # registered public payload fields only
    receipt: str = ""


def _public_details(payload: dict[str, Any]) -> list[tuple[str, str]]:
    details = []
    for key in sorted(payload):
        label = payload_field_label(key)
        value = payload[key]
        if label is not None and isinstance(value, str | int | float | bool):
            details.append((label, str(value)))
    return details


def _events_for(obj: models.Model) -> Iterator[Event]:
    return Event.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("seq").iterator()


def timeline_for(obj: models.Model) -> list[TimelineEntry]:
    """The object's history, oldest first, rendered for people (labels in the active language)."""
    return [
        TimelineEntry(
            occurred_at=event.occurred_at,
            action=event.action,
            label=action_label(event.action),
            actor_role=actor_role_label(event.actor_label),
            details=_public_details(event.payload if isinstance(event.payload, dict) else {}),
            receipt=receipt_for(event),
        )
        for event in _events_for(obj)
    ]
