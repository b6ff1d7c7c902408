"""The append-only, hash-chained event log.

Each row's hash is SHA-256(prev_hash ‖ canonical JSON of the row's content), so
editing, deleting or reordering any row breaks every hash after it.
Database triggers refuse UPDATE and DELETE on `audit_event` and `audit_loghead`
(migration 0003); `manage.py audit_verify` recomputes the chain and
`manage.py audit_sign_head` signs its head with Ed25519 (see docs/audit-log.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    seq = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # "system" for the deadline sweep and other automatic actions.
    actor_label = models.CharField(max_length=40, default="")
    action = models.CharField(max_length=100, db_index=True)  # "appeals.appeal.forwarded"
    object_type = models.CharField(max_length=100, blank=True)  # "appeals.appeal"
    object_id = models.CharField(max_length=64, blank=True)
    payload = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"], name="audit_event_object")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class LogHead(models.Model):
    """A signed statement "the chain had `hash` at `seq`". Append-only like the events.

    Published on the verification page, so anyone holding a copy can later prove
    that the log was not rewritten or truncated behind that point.
    """

    seq = models.BigIntegerField(unique=True)
    hash = models.CharField(max_length=64)
    signed_at = models.DateTimeField()
    # Base64 of the raw 64-byte Ed25519 signature over `signed_message(seq, hash)`.
    signature = models.CharField(max_length=100)
    # Base64 of the raw 32-byte public key that made the signature (keys can rotate).
    public_key = models.CharField(max_length=60)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("signed log head")
        verbose_name_plural = _("signed log heads")

    def __str__(self) -> str:
        return f"head #{self.seq}"


class ChainCheck(models.Model):
    """The outcome of one run of `audit_verify`, shown on the public page as "last verification"."""

    checked_at = models.DateTimeField()
    ok = models.BooleanField()
    event_count = models.BigIntegerField()
    head_seq = models.BigIntegerField(null=True, blank=True)
    broken_seq = models.BigIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-checked_at"]
        get_latest_by = "checked_at"
        verbose_name = _("chain verification")
        verbose_name_plural = _("chain verifications")

    def __str__(self) -> str:
        return f"check at {self.checked_at:%Y-%m-%d %H:%M} ({'ok' if self.ok else 'broken'})"


class TreeNode(models.Model):
    """One stored hash of the RFC 9162 Merkle tree over the events (leaf i = event seq i+1).

    `(level, position)` is the complete subtree over leaves [position·2^level, (position+1)·2^level):
    level 0 holds the leaf hashes, and each append stores the leaf and every subtree it completes
    (on average two rows). A root or a proof reads O(log n) of these (tyndau.audit.tree); a level that
    is a multiple of 8 is a row of C2SP tlog tiles. Append-only like the events.
    """

    pk = models.CompositePrimaryKey("level", "position")
    level = models.PositiveSmallIntegerField()
    position = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("Merkle tree node")
        verbose_name_plural = _("Merkle tree nodes")

    def __str__(self) -> str:
        return f"node {self.level}/{self.position}"


class Checkpoint(models.Model):
    """A signed C2SP checkpoint (c2sp.org/tlog-checkpoint) of the tree: the signed note, as published.

    Every one ever issued is kept (append-only), so old receipts and consistency proofs stay checkable.
    """

    size = models.BigIntegerField(unique=True)
    root_hash = models.BinaryField(max_length=32)
    note = models.TextField()
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["size"]
        get_latest_by = "size"
        verbose_name = _("signed checkpoint")
        verbose_name_plural = _("signed checkpoints")

    def __str__(self) -> str:
        return f"checkpoint {self.size}"


class Cosignature(models.Model):
    """A witness's cosignature of a checkpoint (c2sp.org/tlog-cosignature), as the witness returned it.

    The line is appended to the checkpoint's note when it is served, so anyone can check it with the
    witness's published key. Append-only like the checkpoints.
    """

    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.PROTECT, related_name="cosignatures")
    witness = models.CharField(max_length=200)  # the witness's key name
    key_id = models.CharField(max_length=8)  # hex
    timestamp = models.BigIntegerField()  # POSIX seconds, as signed by the witness
    line = models.CharField(max_length=400)  # "— <name> <base64(key id ‖ timestamp ‖ signature)>\n"
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["checkpoint", "witness"]
        constraints = [
            models.UniqueConstraint(fields=["checkpoint", "witness", "key_id"], name="audit_cosignature_once")
        ]
        verbose_name = _("witness cosignature")
        verbose_name_plural = _("witness cosignatures")

    def __str__(self) -> str:
        return f"cosignature of {self.witness}"
