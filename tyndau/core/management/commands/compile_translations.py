"""Compile every app's .po catalogue to .mo with polib.

Django's own `compilemessages` needs GNU gettext; a newcomer's machine may not
have it, so `make run` and `make test` use this instead (ADR 0004).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile tyndau/*/locale/*/LC_MESSAGES/*.po into .mo files (only those that changed)."

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(settings.BASE_DIR) / "tyndau"
        compiled = 0
        for po_path in sorted(root.glob("*/locale/*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        self.stdout.write(f"translations: compiled {compiled} catalogue(s)")
