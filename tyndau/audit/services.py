"""Writing to the audit log. Call `record_event` inside the service's transaction."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from tyndau.audit import signing, tlog, tree
from tyndau.audit.actions import UnregisteredAction, is_registered, resolve_actor_label
from tyndau.audit.chain import (
    GENESIS_HASH,
    VerificationResult,
    canonical_json,
    compute_hash,
    event_bytes,
    event_content,
)
from tyndau.audit.models import ChainCheck, Checkpoint, Cosignature, Event, LogHead
from tyndau.audit.selectors import witness_cosigned_size
from tyndau.audit.tree import root as tree_root
from tyndau.audit.tree import tree_append, tree_size

logger = logging.getLogger(__name__)

# What callers pass when they do not know the role: the action's registration decides.
_GENERIC_LABELS = ("", "user", "system")


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
    the log is published for verification. `action` must be registered
    (tyndau.audit.actions; refused in development and tests). `actor_label` is normally
    left out: the role the actor acts in comes from the action's registration; pass it
    only for a kind the registration cannot know ("anonymous", "cosigner").
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must be called inside transaction.atomic()")
    if settings.AUDIT_STRICT_ACTIONS and not is_registered(action):
        raise UnregisteredAction(
            f"audit action {action!r} is not registered: add it to the app's audit_actions.py (docs/development.md)"
        )
    _lock_chain_head()
    last = Event.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    occurred_at = timezone.now()
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    if actor_label in _GENERIC_LABELS:
        actor_label = resolve_actor_label(action=action, actor=actor, actor_id=actor_id, obj=obj)
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None else ""
    clean_payload = json.loads(canonical_json(payload or {}))
    content = event_content(
        seq=seq,
        occurred_at=occurred_at.isoformat(),
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        payload=clean_payload,
    )
    event = Event.objects.create(
        seq=seq,
        occurred_at=occurred_at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        payload=clean_payload,
        prev_hash=prev_hash,
        hash=compute_hash(prev_hash, content),
    )
    # The Merkle tree beside the chain (docs/audit-log.md): leaf seq-1, in the same transaction.
    tree_append(seq - 1, tlog.leaf_hash(event_bytes(content)))
    return event


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


def checkpoint_sign() -> Checkpoint | None:
    """Sign a C2SP checkpoint of the tree at its current size and keep it. Idempotent: None if nothing new.

    The note's text is `<origin>\n<size>\n<base64 root>\n`, signed with AUDIT_SIGNING_KEY under the key
    name `<origin>` (c2sp.org/tlog-checkpoint, c2sp.org/signed-note). The chain lock is taken so the size
    and the root are read from one state of the log.
    """
    with transaction.atomic():
        _lock_chain_head()
        size = tree_size()
        if size == 0 or Checkpoint.objects.filter(size=size).exists():
            return None
        root_hash = tree_root(size)
        origin = signing.log_origin()
        text = tlog.Checkpoint(origin=origin, size=size, root=root_hash).text()
        return Checkpoint.objects.create(
            size=size,
            root_hash=root_hash,
            note=tlog.sign_note(text, origin, signing.signing_key()),
            signed_at=timezone.now(),
        )


# Witnesses (c2sp.org/tlog-witness) ------------------------------------------------------------------

# POST a body to a URL: (HTTP status, Content-Type, body). Tests pass an in-process witness instead.
Post = Callable[[str, bytes], tuple[int, str, bytes]]
WITNESS_TIMEOUT = 10  # seconds per request: a slow witness must not hold up the periodic signer


def _http_post(url: str, body: bytes) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "text/plain"})  # noqa: S310 - configured URL
    try:
        with urllib.request.urlopen(request, timeout=WITNESS_TIMEOUT) as response:  # noqa: S310
            return response.status, response.headers.get("Content-Type", ""), response.read(1 << 16)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read(1 << 16)


@dataclass(frozen=True)
class WitnessOutcome:
    witness: str
    ok: bool
    detail: str


def _submit(
    witness: signing.ConfiguredWitness, checkpoint: Checkpoint, old_size: int, post: Post
) -> tuple[int, str, bytes]:
    proof = tree.consistency_proof(old_size, checkpoint.size) if old_size else []
    return post(f"{witness.url}/add-checkpoint", tlog.add_checkpoint_body(old_size, proof, checkpoint.note))


def checkpoint_witness(checkpoint: Checkpoint, *, post: Post | None = None) -> list[WitnessOutcome]:
    """Submit the checkpoint with a consistency proof to every configured witness and keep their cosignatures.

    The `old` size is the largest checkpoint the witness cosigned for us; when the witness answers 409 with
    the size it holds (it may have lost its reply, or been reset), the request is made once more from that
    size. A cosignature is kept only if it verifies with the witness's configured key. Network errors and
    refusals are reported and logged, never raised: a witness being down must not stop the log.
    """
    post = post or _http_post
    outcomes = []
    for witness in signing.witnesses():
        name = witness.key.name
        old_size = witness_cosigned_size(witness.key)
        if old_size == checkpoint.size:
            outcomes.append(WitnessOutcome(name, True, f"already cosigned size {checkpoint.size}"))
            continue
        try:
            if old_size > checkpoint.size:
                raise tlog.NoteError(f"it has already cosigned a larger tree ({old_size})")
            status, content_type, body = _submit(witness, checkpoint, old_size, post)
            if status == 409 and content_type.startswith("text/x.tlog.size"):
                held = body.decode("ascii", "replace").strip()
                if held.isdigit() and int(held) <= checkpoint.size and int(held) != old_size:
                    status, content_type, body = _submit(witness, checkpoint, int(held), post)
            if status != 200:
                raise tlog.NoteError(f"HTTP {status}: {body[:200].decode('utf-8', 'replace').strip()}")
            text = body.decode("utf-8")
            signed = tlog.verify_cosignatures(checkpoint.note + text, [witness.key])
            if name not in signed:
                raise tlog.NoteError("no cosignature by its configured key in the answer")
            line = next(line + "\n" for line in text.splitlines() if line.startswith(f"{tlog.SIGNATURE_PREFIX}{name} "))
            with transaction.atomic():
                Cosignature.objects.get_or_create(
                    checkpoint=checkpoint,
                    witness=name,
                    key_id=witness.key.id.hex(),
                    defaults={"timestamp": signed[name], "line": line, "received_at": timezone.now()},
                )
            outcomes.append(WitnessOutcome(name, True, f"cosigned size {checkpoint.size}"))
        except (OSError, UnicodeDecodeError, tlog.NoteError, tree.TreeError) as exc:
            logger.warning("audit witness %s did not cosign checkpoint %s: %s", name, checkpoint.size, exc)
            outcomes.append(WitnessOutcome(name, False, str(exc)))
    return outcomes


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
