"""Petitions as things people follow by e-mail (tyndau.following): how to find one, and its alerts."""

from __future__ import annotations

from django.urls import reverse

from tyndau.following.alerts import changed
from tyndau.following.models import Kind
from tyndau.following.targets import Target, register_target
from tyndau.petitions.models import Petition, Status

FOLLOWABLE = (Status.OPEN, Status.FORWARDED, Status.RESPONDED, Status.CLOSED)


def resolve_petition(target_id: str) -> Target | None:
    """A petition past moderation, public by its link (listed or not)."""
    if not target_id.isdigit() or len(target_id) > 11:
        return None
    row = Petition.objects.filter(pk=int(target_id), status__in=FOLLOWABLE).values_list("pk", "title").first()
    if row is None:
        return None
    return Target(Kind.PETITION, str(row[0]), row[1], reverse("petitions:detail", args=[row[0]]))


def petition_changed(petition: Petition, event: str) -> None:
    """Inside the service's transaction: queue alerts to the petition's followers."""
    changed(
        kind=Kind.PETITION,
        target_id=petition.pk,
        event=event,
        title=petition.title,
        path=reverse("petitions:detail", args=[petition.pk]),
    )


def register() -> None:
    register_target(Kind.PETITION, resolve_petition)
