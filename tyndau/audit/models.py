"""The append-only, hash-chained event log.

Each row's hash is SHA-256(prev_hash ‖ canonical JSON of the row's content), so
editing, deleting or reordering any row breaks every hash after it.
Database triggers refuse UPDATE and DELETE (see migrations); `audit_verify`
recomputes the chain.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


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

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"
