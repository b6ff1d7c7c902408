"""Demo data for authorities: the reference data itself comes from migrations
(0003_reference_data), so the demo only makes sure it is there — creating missing
rows and leaving existing ones (and operators' edits) alone. Idempotent."""

from __future__ import annotations

from typing import TextIO

from django.apps import apps

from tyndau.authorities.reference_data import load


def seed(stdout: TextIO) -> None:
    counts = load(apps, overwrite=False)
    stdout.write("authorities: " + ", ".join(f"{n} {what}" for what, n in counts.items()) + "\n")
