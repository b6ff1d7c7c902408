"""Sign the current head of the audit chain and a checkpoint of its Merkle tree (idempotent; run periodically)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.audit.selectors import latest_checkpoint
from tyndau.audit.services import checkpoint_sign, checkpoint_witness, log_head_sign
from tyndau.audit.signing import witnesses


class Command(BaseCommand):
    help = (
        "Sign (seq, hash) of the audit chain head and a C2SP checkpoint of the Merkle tree with the Ed25519 "
        "AUDIT_SIGNING_KEY and store both; then have the configured witnesses cosign the latest checkpoint."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoint = checkpoint_sign()
        if checkpoint is not None:
            self.stdout.write(f"audit checkpoint signed: size {checkpoint.size}")
        latest = latest_checkpoint()
        if latest is not None and witnesses():  # also retries witnesses that missed the latest one
            for outcome in checkpoint_witness(latest):
                self.stdout.write(f"witness {outcome.witness}: {'OK' if outcome.ok else 'FAILED'} — {outcome.detail}")
        head = log_head_sign()
        if head is None:
            self.stdout.write("audit head: nothing new to sign")
            return
        self.stdout.write(f"audit head signed: seq {head.seq} hash {head.hash} signature {head.signature}")
