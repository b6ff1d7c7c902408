"""Submit the latest checkpoint to the configured witnesses and keep their cosignatures (c2sp.org/tlog-witness)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tyndau.audit.selectors import latest_checkpoint
from tyndau.audit.services import checkpoint_witness
from tyndau.audit.signing import witnesses


class Command(BaseCommand):
    help = (
        "Send the latest signed checkpoint with a consistency proof to every witness in TYNDAU_AUDIT_WITNESSES "
        "(add-checkpoint) and store the cosignatures that verify. Exits 1 if a witness did not cosign."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoint = latest_checkpoint()
        if not witnesses() or checkpoint is None:
            self.stdout.write(
                "audit witnesses: none configured" if not witnesses() else "audit witnesses: no checkpoint yet"
            )
            return
        outcomes = checkpoint_witness(checkpoint)
        for outcome in outcomes:
            self.stdout.write(f"witness {outcome.witness}: {'OK' if outcome.ok else 'FAILED'} — {outcome.detail}")
        if not all(outcome.ok for outcome in outcomes):
            raise CommandError("not every witness cosigned the latest checkpoint")
