"""Recompute the audit chain; exit non-zero naming the first broken sequence number."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tyndau.audit.chain import verify_chain
from tyndau.audit.services import chain_check_record


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log and its signed heads (exit status 1 at the first broken link)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-record", action="store_true", help="Do not store the outcome for the public verification page."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not options["no_record"]:
            chain_check_record(result=result)
        if not result.ok:
            raise CommandError(
                f"audit chain BROKEN at seq {result.broken_seq}: {result.reason} — {result.detail} "
                f"({result.count} events verified before it)",
                returncode=1,
            )
        head = f"head seq {result.head_seq} hash {result.head_hash}" if result.count else "empty log"
        self.stdout.write(
            self.style.SUCCESS(
                f"audit chain OK: {result.count} events, {head}, {result.signed_heads_checked} signed head(s) verified"
            )
        )
