"""Print the verifier key of the configured AUDIT_SIGNING_KEY, to publish in TYNDAU_AUDIT_PUBLIC_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.audit.signing import own_verifier_key


class Command(BaseCommand):
    help = "Print the signed-note verifier key (<name>+<id>+<key>) of AUDIT_SIGNING_KEY for TYNDAU_AUDIT_PUBLIC_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(str(own_verifier_key()))
