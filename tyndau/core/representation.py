"""Legal entities a person represents, and what a legal entity has done publicly — across apps of one layer.

Appeals, assemblies and associations sit in one layer and may not import each other (pyproject's layer
contract). Associations knows who represents which registered association; appeals and assemblies know
what was filed in a legal entity's name. Each registers its part here at start-up, as accounts registers
its body lookup with the audit log (`register_body_lookup`), and the others ask through this module.

A legal entity's name and BIN are not personal data (domain-rules "Personal data"); nothing here carries a
person's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Entity:
    """A legal entity a person may act for: its BIN (checksum-checked where it was recorded) and name."""

    bin: str
    name: str


@dataclass(frozen=True)
class Activity:
    """One public figure about a legal entity: what it counts and how many."""

    label: str
    count: int


_LOOKUPS: list[Callable[[Any], list[Entity]]] = []
_COUNTERS: dict[str, tuple[Promise | str, Callable[[str], int]]] = {}


def register_represented(lookup: Callable[[Any], list[Entity]]) -> None:
    """`lookup(user)`: the legal entities `user` represents now (an empty list for anyone else)."""
    if lookup not in _LOOKUPS:
        _LOOKUPS.append(lookup)


def represented_entities(user: Any) -> list[Entity]:
    """Every legal entity `user` may act for now, by BIN (one entry per BIN)."""
    if not getattr(user, "is_authenticated", False):
        return []
    found: dict[str, Entity] = {}
    for lookup in _LOOKUPS:
        for entity in lookup(user):
            found.setdefault(entity.bin, entity)
    return sorted(found.values(), key=lambda e: (e.name, e.bin))


def represented_entity(user: Any, bin: str) -> Entity | None:
    """The entity with this BIN if `user` represents it, else None."""
    return next((e for e in represented_entities(user) if e.bin == bin), None)


def register_public_activity(code: str, label: Promise | str, counter: Callable[[str], int]) -> None:
    """`counter(bin)`: how many public records of this kind name the legal entity with this BIN."""
    _COUNTERS[code] = (label, counter)


def public_activity(bin: str) -> list[Activity]:
    """The registered public figures for a legal entity, in the order they were registered."""
    if not bin:
        return []
    return [Activity(label=str(label), count=counter(bin)) for label, counter in _COUNTERS.values()]
