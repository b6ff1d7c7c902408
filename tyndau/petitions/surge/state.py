"""A petition's signing state (status, closing date, title) through the cache: the hot path reads no
petition row. Every transition drops the entry after commit (`forget_signing_state`), so a closed
petition stops taking signatures at once."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from tyndau.core.calendar import local_today
from tyndau.petitions.errors import SigningClosed
from tyndau.petitions.models import SIGNABLE_STATUSES, Petition

STATE_SECONDS = 60


def signing_state_key(petition_id: int) -> str:
    return f"petitions:signable:{petition_id}"


def forget_signing_state(petition_id: int) -> None:
    cache.delete(signing_state_key(petition_id))


def signing_state(petition_id: int) -> dict[str, Any]:
    """The cached state of `petition_id`; an unknown petition has status ""."""
    key = signing_state_key(petition_id)
    state: dict[str, Any] | None = cache.get(key)
    if state is None:
        row = Petition.objects.filter(pk=petition_id).values("status", "closes_on", "title").first()
        state = dict(row) if row else {"status": "", "closes_on": None, "title": ""}
        cache.set(key, state, STATE_SECONDS)
    return state


def check_signing_state(state: dict[str, Any]) -> None:
    """SigningClosed unless the petition collects signatures today."""
    if state["status"] not in SIGNABLE_STATUSES:
        raise SigningClosed()
    if state["closes_on"] is not None and local_today() > state["closes_on"]:
        raise SigningClosed()


def signable(petition_id: int) -> dict[str, Any]:
    """The signing state of a petition that collects signatures; else SigningClosed."""
    state = signing_state(petition_id)
    check_signing_state(state)
    return state
