"""Published appeals as things people follow by e-mail (tyndau.following): how to find one, and the
alerts an appeal raises for followers of it, of its body, its category and its area."""

from __future__ import annotations

from django.urls import reverse

from tyndau.appeals.models import Appeal
from tyndau.following.alerts import changed
from tyndau.following.models import Kind
from tyndau.following.targets import Target, register_target


def resolve_appeal(target_id: str) -> Target | None:
    """An appeal in the public register (its applicant consented); its number is its public name."""
    row = Appeal.objects.filter(number=target_id, publish_consent=True).values_list("number", flat=True).first()
    if row is None:
        return None
    return Target(Kind.APPEAL, row, row, reverse("appeals:register_detail", args=[row]))


def appeal_published(appeal: Appeal) -> None:
    """A new appeal in the register: followers of its category and its area hear of it."""
    if not appeal.publish_consent:
        return
    path = reverse("appeals:register_detail", args=[appeal.number])
    for kind, target_id in ((Kind.CATEGORY, appeal.category_id), (Kind.AREA, appeal.region_id)):
        changed(kind=kind, target_id=target_id, event="appeal.published", title=appeal.number, path=path)


def appeal_answered(appeal: Appeal) -> None:
    """A published appeal was answered: its followers and its body's followers hear of it."""
    if not appeal.publish_consent:
        return
    path = reverse("appeals:register_detail", args=[appeal.number])
    for kind, target_id in ((Kind.APPEAL, appeal.number), (Kind.BODY, appeal.body_id)):
        changed(kind=kind, target_id=target_id, event="appeal.answered", title=appeal.number, path=path)


def register() -> None:
    register_target(Kind.APPEAL, resolve_appeal)
