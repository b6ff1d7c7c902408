"""The cabinet's links to a person's work, from every app — without the cabinet importing the apps.

The cabinet belongs to accounts, a layer below the apps that own the work (an akimat's assembly queue,
a higher body's complaints about assemblies, a maslikhat's register of places, a registrar's queue).
Each app registers at start-up a function that says which of its work pages a person has, as apps
register their periodic jobs and their public activity (`tyndau.core.representation`); the cabinet asks
here. Found by trying the portal as its officials would: these pages existed, but nothing linked to
them, so an official had to know their addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WorkLink:
    """One page of someone's work: its label in the active language and its address."""

    label: str
    url: str


_SOURCES: list[Callable[[Any], Iterable[WorkLink]]] = []


def register_work(source: Callable[[Any], Iterable[WorkLink]]) -> None:
    """`source(user)`: the work pages of this app that `user` has (none for anyone else)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def work_links(user: Any) -> list[WorkLink]:
    """Every app's work pages for `user`, in the order the apps registered."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [link for source in _SOURCES for link in source(user)]
