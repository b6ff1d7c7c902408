"""Following and alerts as data: every number with its source (platform policy, not law).

Operators override any value with `TYNDAU_FOLLOWING_RULES = {"<name>": value}` (docs/following.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings


@dataclass(frozen=True)
class Rule:
    value: Any
    source: str
    confirmed: bool


RULES: dict[str, Rule] = {
    # Double opt-in: the confirmation link works this long; an unconfirmed follow sends nothing.
    "confirm_days": Rule(7, "Platform policy: a confirmation link lasts a week", False),
    # Fan-out: followers read and mailed per task; the next batch is its own task.
    "fanout_batch": Rule(1000, "Platform policy: followers per fan-out task", False),
    # How many changes one digest lists before "and N more".
    "digest_max_items": Rule(50, "Platform policy: changes listed in one digest", False),
    # How many things one address may follow.
    "max_follows_per_address": Rule(200, "Platform policy: follows per e-mail address", False),
}


def value(name: str) -> Any:
    overrides = getattr(settings, "TYNDAU_FOLLOWING_RULES", {}) or {}
    return overrides.get(name, RULES[name].value)
