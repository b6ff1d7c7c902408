"""Sign the current head of the audit chain (idempotent; run periodically)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.audit.services import log_head_sign


class Command(BaseCommand):
    help = "Sign (seq, hash) of the audit chain head with the Ed25519 AUDIT_SIGNING_KEY and store it."

    def handle(self, *args: Any, **options: Any) -> None:
        head = log_head_sign()
        if head is None:
            self.stdout.write("audit head: nothing new to sign")
            return
        self.stdout.write(f"audit head signed: seq {head.seq} hash {head.hash} signature {head.signature}")
