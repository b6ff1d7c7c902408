"""Shared guards of the petition services: locking, the transition table, who may act, mail to the creator."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from tyndau.accounts.models import Role
from tyndau.core.errors import InvalidTransition
from tyndau.notifications.services import notify
from tyndau.petitions import surge
from tyndau.petitions.models import ALLOWED_TRANSITIONS, Petition


def has_role(actor: Any, *roles: Role) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.has_any_role(*roles))


def lock(petition: Petition | int) -> Petition:
    pk = petition if isinstance(petition, int) else petition.pk
    return Petition.objects.select_for_update(of=("self",)).select_related("addressee", "addressee__region").get(pk=pk)


def check_transition(petition: Petition, to: str) -> None:
    """InvalidTransition unless the table allows `petition.status` → `to`. The petition's cached
    signing state is dropped once the transition commits."""
    if to not in ALLOWED_TRANSITIONS[petition.status]:
        raise InvalidTransition()
    pk = petition.pk
    transaction.on_commit(lambda: surge.forget_signing_state(pk))


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def petition_url(petition: Petition | int, language: str | None = None) -> str:
    pk = petition if isinstance(petition, int) else petition.pk
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return absolute(reverse("petitions:detail", args=[pk]))


def notify_creator(petition: Petition, template: str) -> None:
    """Queue the creator's e-mail in the caller's transaction (ADR 0003): it commits with the change,
    or not at all."""
    creator = petition.creator
    context = {
        "petition_id": petition.pk,
        "title": petition.title,
        "url": petition_url(petition, creator.preferred_language),
    }
    notify(to=creator, template=f"petitions/email/{template}", context=context)
