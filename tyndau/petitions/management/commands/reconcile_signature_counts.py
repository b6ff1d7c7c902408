"""Recount every petition exactly and report any drift (safe to run any time)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.petitions.models import Petition
from tyndau.petitions.services import recount_signatures


class Command(BaseCommand):
    help = "Exact recount of all petitions' signature counts; prints how many were corrected."

    def handle(self, *args: Any, **options: Any) -> None:
        before = dict(Petition.objects.values_list("pk", "signature_count"))
        recount_signatures(full=True)
        after = dict(Petition.objects.values_list("pk", "signature_count"))
        drift = {pk: after[pk] - before.get(pk, 0) for pk in after if after[pk] != before.get(pk, 0)}
        self.stdout.write(f"reconciled {len(after)} petitions; corrected {len(drift)}")
