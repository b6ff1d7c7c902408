"""The seam through which a higher app publishes figures on a body's page.

The reference data is the lowest domain app: it must not import the apps built on it. The app that
computes a body's figures (transparency) registers a provider here when Django starts
(`TransparencyConfig.ready`); the body page asks this module and shows no figures when none is
registered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tyndau.authorities.models import PublicBody

Rows = Sequence[tuple[Any, Any]]
_providers: list[Callable[..., Rows]] = []


def register(provider: Callable[..., Rows]) -> None:
    """Add `provider(*, body) -> [(label, value), ...]` (once; registering again changes nothing)."""
    if provider not in _providers:
        _providers.append(provider)


def body_figures(*, body: PublicBody) -> list[tuple[Any, Any]] | None:
    """The rows every registered provider gives for `body`, or None when no app provides figures."""
    if not _providers:
        return None
    return [row for provider in _providers for row in provider(body=body)]
