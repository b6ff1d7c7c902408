"""The audit log's hashes and their verification: canonical bytes, the hash chain, the signed heads.

Nothing here writes. `services` appends with `event_row_hash`; `verify_chain` (run by
`manage.py audit_verify`) recomputes every link and checks every signed head against the
*published* keys (settings.AUDIT_PUBLIC_KEYS), never against a key stored in the database
it checks. Imports only the audit models, `signing` and `tlog`: no cycle inside the app.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from tyndau.audit import signing, tlog
from tyndau.audit.models import Checkpoint, Cosignature, Event, LogHead, TreeNode
from tyndau.audit.tree import root as tree_root

GENESIS_HASH = "0" * 64


def canonical_json(data: Any) -> str:
    """Sorted keys, no spaces, UTF-8 kept: the same content always gives the same bytes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_content(
    *,
    seq: int,
    occurred_at: datetime | str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    payload: dict[str, Any],
) -> dict[str, Any]:
    """The hashed content of an event. A stored time is written as UTC ISO 8601, as when it was recorded."""
    return {
        "seq": seq,
        "occurred_at": occurred_at if isinstance(occurred_at, str) else occurred_at.astimezone(UTC).isoformat(),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "payload": payload,
    }


def event_bytes(content: dict[str, Any]) -> bytes:
    """The event's canonical bytes: the Merkle tree's leaf data and what a receipt bundle carries."""
    return canonical_json(content).encode("utf-8")


def compute_hash(prev_hash: str, content: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + event_bytes(content)).hexdigest()


def event_row_hash(*, prev_hash: str, **content: Any) -> str:
    """The hash a stored row must have: what `record_event` computed when it wrote it."""
    return compute_hash(prev_hash, event_content(**content))


def stored_content(event: Event) -> dict[str, Any]:
    return event_content(
        seq=event.seq,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        payload=event.payload,
    )


# Verification -----------------------------------------------------------------------------------

# Reasons a log fails verification; the codes are stored in ChainCheck.reason (max 40 characters).
REASONS = {
    "seq_gap": _("gap in the sequence"),
    "prev_hash_mismatch": _("previous-hash link does not match"),
    "hash_mismatch": _("hash does not match the content"),
    "head_mismatch": _("a signed head no longer matches the chain"),
    "bad_signature": _("a signed head has an invalid signature"),
    "unknown_key": _("a signed head was signed by a key that is not published"),
    "key_not_valid": _("a signed head was signed outside its key's published validity"),
    "no_signed_head": _("no signed head although one is due"),
    "head_overdue": _("the latest signed head is overdue"),
    "tree_mismatch": _("the Merkle tree does not match the entries"),
    "checkpoint_mismatch": _("a signed checkpoint does not match the log"),
    "checkpoint_bad_signature": _("a checkpoint is not signed by a published key valid at its time"),
    "log_start_unset": _("the log's start is not configured, so an emptied log cannot be told from a new one"),
    "cosignature_bad": _("a witness cosignature kept with a checkpoint does not verify with that witness's key"),
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


def _broken(count: int, head: tuple[int | None, str], seq: int | None, reason: str, detail: str) -> VerificationResult:
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


def log_start() -> datetime | None:
    """When the log began (settings.AUDIT_LOG_START), else the first event's time, else None."""
    configured = getattr(settings, "AUDIT_LOG_START", "")
    if configured:
        parsed = parse_datetime(configured) or parse_datetime(configured + "T00:00:00+00:00")
        if parsed is None:
            raise ValueError("AUDIT_LOG_START is an ISO 8601 date or date-time")
        return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, UTC)
    return Event.objects.order_by("seq").values_list("occurred_at", flat=True).first()


def _chain_links() -> Any:
    return (
        Event.objects.order_by("seq")
        .values_list(
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
        .iterator(chunk_size=_CHUNK)
    )


def _walk_chain(heads: set[int], leaves: TreeAudit) -> tuple[VerificationResult | None, int, str, dict[int, str]]:
    """Recompute every link in seq order in constant memory; stop at the first broken one."""
    seen_heads: dict[int, str] = {}
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
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
    ) in _chain_links():
        here = (seq, row_hash)
        if seq != expected_seq:
            if seq < expected_seq:
                detail = f"seq {seq} appears out of order after {expected_seq - 1}"
                return _broken(count, here, seq, "seq_gap", detail), count, prev_hash, seen_heads
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}..{seq - 1}"
            detail = f"seq {missing} missing (next row is {seq})"
            return _broken(count, here, expected_seq, "seq_gap", detail), count, prev_hash, seen_heads
        if row_prev != prev_hash:
            detail = f"seq {seq}: prev_hash {row_prev[:16]}… but the previous row's hash is {prev_hash[:16]}…"
            return _broken(count, here, seq, "prev_hash_mismatch", detail), count, prev_hash, seen_heads
        content = event_content(
            seq=seq,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            payload=payload,
        )
        recomputed = compute_hash(row_prev, content)
        if recomputed != row_hash:
            detail = f"seq {seq}: stored hash {row_hash[:16]}… but the content hashes to {recomputed[:16]}…"
            return _broken(count, here, seq, "hash_mismatch", detail), count, prev_hash, seen_heads
        problem = leaves.add(seq - 1, tlog.leaf_hash(event_bytes(content)))
        if problem:
            return _broken(count, here, seq, *problem), count, prev_hash, seen_heads
        if seq in heads:
            seen_heads[seq] = row_hash
        count += 1
        expected_seq = seq + 1
        prev_hash = row_hash
    return None, count, prev_hash, seen_heads


def _check_head(seq: int, signed_hash: str, signed_at: datetime, signature: str, row_key: str) -> tuple[str, str]:
    """('', '') when the head verifies with a published key valid at its signing time, else (reason, detail)."""
    published = signing.published_key_for(row_key)
    if published is None:
        return "unknown_key", f"signed head at seq {seq} names a key that is not in AUDIT_PUBLIC_KEYS"
    if not published.valid_at(signed_at):
        return (
            "key_not_valid",
            f"signed head at seq {seq} was signed at {signed_at:%Y-%m-%d %H:%M} outside its key's validity",
        )
    if not signing.verify_signature(seq=seq, head_hash=signed_hash, signature_b64=signature, key=published):
        return "bad_signature", f"signed head at seq {seq}: signature does not verify with the published key"
    return "", ""


def verify_chain() -> VerificationResult:
    """Recompute the chain and check every signed head, then that a head exists when one is due.

    Breaks: a missing seq (gap), a prev_hash that is not the previous row's hash (rows reordered or
    removed), a hash that does not match its content (edited), a signed head no longer in the
    chain (truncated tail), a head not signed by a published key valid at its time, no head at all
    once the first is due (the log emptied: TRUNCATE), a latest head older than two intervals with
    entries after it (the signer stopped, or heads were removed).
    """
    now = timezone.now()
    heads = {
        seq: (head_hash, signed_at, sig, key)
        for seq, head_hash, signed_at, sig, key in LogHead.objects.values_list(
            "seq", "hash", "signed_at", "signature", "public_key"
        )
    }
    tree_audit = TreeAudit()
    broken, count, head_hash, seen_heads = _walk_chain(set(heads), tree_audit)
    if broken is not None:
        return broken
    head = (count if count else None, head_hash if count else "")
    for seq in sorted(heads):
        signed_hash, signed_at, signature, row_key = heads[seq]
        if seen_heads.get(seq) != signed_hash:
            detail = f"signed head at seq {seq} ({signed_hash[:16]}…) is not in the chain any more"
            return _broken(count, head, seq, "head_mismatch", detail)
        reason, detail = _check_head(seq, signed_hash, signed_at, signature, row_key)
        if reason:
            return _broken(count, head, seq, reason, detail)
    problem = tree_audit.finish(count)
    if problem:
        return _broken(count, head, *problem)
    overdue = _head_overdue(now=now, count=count, heads=heads)
    if overdue is not None:
        return _broken(count, head, None, *overdue)
    return VerificationResult(
        ok=True, count=count, head_seq=head[0], head_hash=head[1], checked_at=now, signed_heads_checked=len(heads)
    )


def _head_overdue(
    *, now: datetime, count: int, heads: dict[int, tuple[str, datetime, str, str]]
) -> tuple[str, str] | None:
    """A head is due one interval after the log starts (one more interval of grace for the periodic signer)."""
    grace = timedelta(seconds=2 * settings.AUDIT_HEAD_INTERVAL)
    start = log_start()
    if start is None:
        if settings.AUDIT_LOG_START_REQUIRED:
            return "log_start_unset", "AUDIT_LOG_START is not set and the log is empty: it may have been emptied"
        return None
    if not heads:
        if now >= start + grace:
            return (
                "no_signed_head",
                f"{count} events and no signed head, although one was due by {start + grace:%Y-%m-%d %H:%M} UTC",
            )
        return None
    latest_seq = max(heads)
    first_unsigned = Event.objects.filter(seq=latest_seq + 1).values_list("occurred_at", flat=True).first()
    if first_unsigned is not None and now >= first_unsigned + grace:
        unsigned = count - latest_seq
        since = f"{first_unsigned:%Y-%m-%d %H:%M}"
        detail = f"the latest head is at seq {latest_seq}; {unsigned} events since {since} UTC are unsigned"
        return "head_overdue", detail
    return None


class TreeAudit:
    """Checks the stored Merkle tree and the signed checkpoints against the leaves recomputed from events.

    Streams the stored leaf hashes beside the events (constant memory), keeps the tree's right edge
    (at most log2 n subtree hashes) to know the root at every size, and at each checkpoint's size
    compares the signed root. At the end the stored tree's root (its right-edge nodes) must be the
    recomputed one, and every checkpoint must be signed by a published key valid when it was signed.
    """

    def __init__(self) -> None:
        self.stored = iter(
            TreeNode.objects.filter(level=0).order_by("position").values_list("position", "hash").iterator(_CHUNK)
        )
        self.edge: list[tuple[int, bytes]] = []  # (level, hash) of the complete subtrees, left to right
        self.checkpoints = dict(Checkpoint.objects.values_list("size", "root_hash"))

    def root(self) -> bytes:
        return tlog.fold([value for _, value in self.edge]) if self.edge else tlog.EMPTY_ROOT

    def add(self, index: int, leaf: bytes) -> tuple[str, str] | None:
        stored = next(self.stored, None)
        if stored is None or stored[0] != index or bytes(stored[1]) != leaf:
            return "tree_mismatch", f"leaf {index} (seq {index + 1}) of the stored tree is not the event's leaf hash"
        level, value = 0, leaf
        while self.edge and self.edge[-1][0] == level:
            value = tlog.node_hash(self.edge.pop()[1], value)
            level += 1
        self.edge.append((level, value))
        signed = self.checkpoints.get(index + 1)
        if signed is not None and bytes(signed) != self.root():
            return "checkpoint_mismatch", f"the checkpoint at size {index + 1} signed another root"
        return None

    def finish(self, count: int) -> tuple[int | None, str, str] | None:
        if next(self.stored, None) is not None:
            return None, "tree_mismatch", f"the stored tree has more leaves than the {count} events"
        if count and tree_root(count) != self.root():
            return count, "tree_mismatch", f"the stored tree's root at size {count} is not the recomputed one"
        beyond = [size for size in self.checkpoints if size > count]
        if beyond:
            return min(beyond), "checkpoint_mismatch", f"a checkpoint of size {min(beyond)} is beyond the log's end"
        return _check_checkpoint_signatures() or _check_cosignatures()


def _check_cosignatures() -> tuple[int | None, str, str] | None:
    """Every kept cosignature of a configured witness verifies on its checkpoint with that witness's key."""
    configured = {(w.key.name, w.key.id.hex()): w.key for w in signing.witnesses()}
    rows = Cosignature.objects.order_by("checkpoint__size", "witness")
    for size, note, name, key_id, line in rows.values_list(
        "checkpoint__size", "checkpoint__note", "witness", "key_id", "line"
    ):
        key = configured.get((name, key_id))
        if key is None:
            continue  # a witness no longer configured: its key is not known here
        try:
            tlog.require_quorum(note + line, [key], 1)
        except tlog.NoteError as exc:
            return size, "cosignature_bad", f"checkpoint at size {size}, witness {name}: {exc}"
    return None


def _check_checkpoint_signatures() -> tuple[int | None, str, str] | None:
    origin = signing.log_origin()
    keys = signing.published_keys()
    rows = Checkpoint.objects.order_by("size").values_list("size", "root_hash", "note", "signed_at")
    for size, root_hash, note, signed_at in rows:
        valid = [key.verifier for key in keys if key.valid_at(signed_at)]
        try:
            checkpoint = tlog.open_checkpoint(note, valid, origin=origin)
        except tlog.NoteError as exc:
            return size, "checkpoint_bad_signature", f"checkpoint at size {size}: {exc}"
        if (checkpoint.size, checkpoint.root) != (size, bytes(root_hash)):
            return size, "checkpoint_mismatch", f"the signed note of the checkpoint at size {size} says otherwise"
    return None
