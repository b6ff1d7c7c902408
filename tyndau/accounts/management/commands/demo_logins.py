"""Print the demo sign-in details (for the README and `make run`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tyndau.accounts.demo import DEMO_ACCOUNTS
from tyndau.accounts.models import User


class Command(BaseCommand):
    help = "Print the demo accounts: e-mail, role and password."

    def handle(self, *args: Any, **options: Any) -> None:
        existing = set(User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS]).values_list("email", flat=True))
        width = max(len(a.email) for a in DEMO_ACCOUNTS)
        self.stdout.write(f"{'E-mail':<{width}}  {'Role':<13}  Password")
        self.stdout.write(f"{'-' * width}  {'-' * 13}  {'-' * len(settings.DEMO_PASSWORD)}")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"{account.email:<{width}}  {account.role:<13}  {settings.DEMO_PASSWORD}")
        missing = len(DEMO_ACCOUNTS) - len(existing)
        if missing:
            self.stdout.write(self.style.WARNING(f"{missing} demo account(s) not loaded yet: run manage.py seed_demo"))
