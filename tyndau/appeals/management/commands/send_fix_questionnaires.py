""" "Was it fixed?": ask applicants of appeals answered as satisfied. Idempotent (each appeal once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tyndau.appeals.services import fix_questionnaires_send


class Command(BaseCommand):
    help = "E-mail the 'was it fixed?' questionnaire to applicants whose appeal was answered as satisfied weeks ago."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"fix questionnaires sent={fix_questionnaires_send()}")
