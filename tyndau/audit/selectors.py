"""Reading the audit log: receipts, timelines, public status (verification is `tyndau.audit.chain`)."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import models

from tyndau.audit import signing, tlog, tree, verify_receipt
from tyndau.audit.actions import (
    action_label,
    actor_body_id,
    actor_role_label,
    body_names,
    payload_field_label,
    payload_value_text,
)
from tyndau.audit.chain import compute_hash, event_bytes, stored_content
from tyndau.audit.models import ChainCheck, Checkpoint, Cosignature, Event, LogHead
from tyndau.core.compiled import TEXT_MARKERS, CompiledLookup

# Checkpoints -----------------------------------------------------------------


def latest_checkpoint() -> Checkpoint | None:
    """The signed checkpoint of the largest tree (None before the first signing)."""
    return Checkpoint.objects.order_by("-size").first()


def checkpoint_of_size(size: int) -> Checkpoint | None:
    return Checkpoint.objects.filter(size=size).first()


def cosigned_note(checkpoint: Checkpoint) -> str:
    """The checkpoint's signed note with every witness cosignature line received for it appended."""
    lines = (
        Cosignature.objects.filter(checkpoint=checkpoint).order_by("witness", "key_id").values_list("line", flat=True)
    )
    return checkpoint.note + "".join(lines)


def witness_cosigned_size(key: tlog.CosignerKey) -> int:
    """The size of the largest checkpoint this witness cosigned (0 if none): the `old` size it expects next."""
    mine = Cosignature.objects.filter(witness=key.name, key_id=key.id.hex())
    return mine.order_by("-checkpoint__size").values_list("checkpoint__size", flat=True).first() or 0


@dataclass(frozen=True)
class Witnessing:
    name: str
    cosigned_at: datetime


def witnesses_of(checkpoint: Checkpoint) -> list[Witnessing]:
    """Who cosigned the checkpoint and when (the witness's own timestamp), for the public page."""
    return [
        Witnessing(name=name, cosigned_at=datetime.fromtimestamp(timestamp, tz=UTC))
        for name, timestamp in Cosignature.objects.filter(checkpoint=checkpoint)
        .order_by("witness")
        .values_list("witness", "timestamp")
    ]


def entry_bundle(index: int, width: int, size: int) -> bytes:
    """The entry bundle `tile/entries/<index>[.p/<width>]` (c2sp.org/tlog-tiles) of a tree of `size`.

    The canonical bytes of entries index·256 … index·256+width−1, each prefixed with its length as a
    big-endian uint16; entry i hashes (RFC 9162 leaf hash) to hash i of the level-0 tile `index`.
    """
    start = index * tree.TILE_WIDTH
    if not 1 <= width <= tree.TILE_WIDTH or not 0 <= start + width <= size <= tree.tree_size():
        raise tree.TreeError("no such entry bundle in a tree of this size")
    events = Event.objects.filter(seq__gt=start, seq__lte=start + width).order_by("seq")
    parts = []
    for expected, event in enumerate(events.iterator(chunk_size=tree.TILE_WIDTH), start=start + 1):
        if event.seq != expected:
            raise tree.TreeError("the log is missing entries")
        data = event_bytes(stored_content(event))
        if len(data) > 0xFFFF:
            raise tree.TreeError(f"entry {event.seq} is longer than an entry bundle can hold")
        parts.append(len(data).to_bytes(2, "big") + data)
    if len(parts) != width:
        raise tree.TreeError("the log is missing entries")
    return b"".join(parts)


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
    code: str = ""


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
    intact = event.hash == compute_hash(event.prev_hash, stored_content(event))
    return ReceiptCheck(
        found=True,
        seq=event.seq,
        action_label=action_label(event.action),
        occurred_at=event.occurred_at,
        hash=event.hash,
        intact=intact,
        code=receipt_for(event),
    )


# Receipt bundles: verifiable offline (tyndau.audit.verify_receipt) -----------------------------

RECEIPT_FORMAT = "tyndau-audit-receipt/v1"


@dataclass(frozen=True)
class ReceiptBundle:
    """An entry's canonical bytes and leaf hash, its inclusion proof and the signed checkpoint it is against.

    The entry's content carries no personal data by rule (record_event); the actor appears only as an
    account number and a role. The bundle is fetched by the receipt code, which only the people who
    see the object's timeline hold.
    """

    seq: int
    event: str
    origin: str
    action: str
    occurred_at: str
    leaf_hash: bytes
    inclusion_proof: list[bytes]
    checkpoint: str
    verifier_keys: list[str]
    witness_keys: list[str] = field(default_factory=list)
    witness_quorum: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": RECEIPT_FORMAT,
            "origin": self.origin,
            "verifier_keys": self.verifier_keys,
            "seq": self.seq,
            "index": self.seq - 1,
            "action": self.action,
            "occurred_at": self.occurred_at,
            "event": self.event,
            "leaf_hash": base64.b64encode(self.leaf_hash).decode(),
            "inclusion_proof": [base64.b64encode(h).decode() for h in self.inclusion_proof],
            "checkpoint": self.checkpoint,
            "witness_keys": self.witness_keys,
            "witness_quorum": self.witness_quorum,
        }

    def json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"


def receipt_bundle(*, code: str) -> ReceiptBundle | None:
    """The bundle for a receipt code, against the latest signed checkpoint that contains the entry."""
    parsed = parse_receipt(code)
    if parsed is None:
        return None
    seq, prefix = parsed
    event = Event.objects.filter(seq=seq, hash__startswith=prefix).first()
    checkpoint = Checkpoint.objects.filter(size__gte=seq).order_by("-size").first()
    if event is None or checkpoint is None:
        return None
    content = stored_content(event)
    data = event_bytes(content)
    return ReceiptBundle(
        seq=seq,
        event=data.decode("utf-8"),
        origin=signing.log_origin(),
        action=event.action,
        occurred_at=content["occurred_at"],
        leaf_hash=tlog.leaf_hash(data),
        inclusion_proof=tree.inclusion_proof(seq - 1, checkpoint.size),
        checkpoint=cosigned_note(checkpoint),
        verifier_keys=[str(key.verifier) for key in signing.published_keys()],
        witness_keys=[str(witness.key) for witness in signing.witnesses()],
        witness_quorum=signing.witness_quorum(),
    )


@dataclass(frozen=True)
class BundleCheck:
    ok: bool
    seq: int | None = None
    size: int | None = None
    action_label: str = ""
    failure: str = ""  # tyndau.audit.verify_receipt.Invalid.kind


def bundle_check(bundle: dict[str, Any]) -> BundleCheck:
    """Verify a receipt bundle as the offline verifier does, with the published keys of this log."""
    keys = [key.verifier for key in signing.published_keys() if key.verifier.name == signing.log_origin()]
    if not keys:
        return BundleCheck(ok=False, failure="signature")
    try:
        verify_receipt.verify_bundle(
            bundle, keys, witnesses=[w.key for w in signing.witnesses()], quorum=signing.witness_quorum()
        )
    except verify_receipt.Invalid as exc:
        return BundleCheck(ok=False, failure=exc.kind)
    checkpoint = tlog.Checkpoint.parse(tlog.split_note(bundle["checkpoint"])[0])
    return BundleCheck(
        ok=True, seq=bundle["index"] + 1, size=checkpoint.size, action_label=action_label(str(bundle.get("action")))
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
    latest_checkpoint: Checkpoint | None = None
    verifier_keys: tuple[str, ...] = ()
    head_interval_minutes: int = 15
    checkpoint_note: str = ""  # the latest checkpoint with its witnesses' cosignatures
    checkpoint_witnesses: tuple[Witnessing, ...] = ()
    witness_keys: tuple[str, ...] = ()
    witness_quorum: int = 0


def chain_status() -> ChainStatus:
    head = Event.objects.order_by("-seq").values_list("seq", "hash").first()
    checkpoint = latest_checkpoint()
    return ChainStatus(
        # seq has no gaps (audit_verify checks it), so the head's seq is the count without a table scan.
        count=head[0] if head else 0,
        head_seq=head[0] if head else None,
        head_hash=head[1] if head else "",
        latest_head=LogHead.objects.order_by("-seq").first(),
        last_check=ChainCheck.objects.order_by("-checked_at").first(),
        public_key_b64=signing.public_key_b64(),
        public_key_pem=signing.public_key_pem(),
        latest_checkpoint=checkpoint,
        verifier_keys=tuple(str(key.verifier) for key in signing.published_keys()),
        head_interval_minutes=max(1, settings.AUDIT_HEAD_INTERVAL // 60),
        checkpoint_note=cosigned_note(checkpoint) if checkpoint else "",
        checkpoint_witnesses=tuple(witnesses_of(checkpoint)) if checkpoint else (),
        witness_keys=tuple(str(witness.key) for witness in signing.witnesses()),
        witness_quorum=signing.witness_quorum(),
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


def _public_details(payload: dict[str, Any], action: str = "") -> list[tuple[str, str]]:
    details = []
    for key in sorted(payload):
        label = payload_field_label(key)
        value = payload[key]
        if label is not None and isinstance(value, str | int | float | bool):
            details.append((label, payload_value_text(key, value, action)))
    return details


def _events_for(obj: models.Model) -> list[Event]:
    return _events_of_object(obj._meta.label_lower, str(obj.pk))


# Every case page shows its timeline: the statement is compiled once per process (tyndau.core.compiled).
_events_of_object = CompiledLookup(
    Event,
    lambda object_type, object_id: Event.objects.filter(object_type=object_type, object_id=object_id).order_by("seq"),
    markers=TEXT_MARKERS,
)


def first_event_of(obj: models.Model) -> Event | None:
    """The object's first log entry (its creation), whose receipt a printed receipt carries."""
    return Event.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("seq").first()


def timeline_for(obj: models.Model) -> list[TimelineEntry]:
    """The object's history, oldest first, rendered for people (labels in the active language)."""
    events = _events_for(obj)
    names = body_names(body for event in events if (body := actor_body_id(event.actor_label)) is not None)
    return [
        TimelineEntry(
            occurred_at=event.occurred_at,
            action=event.action,
            label=action_label(event.action),
            actor_role=actor_role_label(event.actor_label, names),
            details=_public_details(event.payload if isinstance(event.payload, dict) else {}, event.action),
            receipt=receipt_for(event),
        )
        for event in events
    ]
