"""Peaceful assemblies in the akimats' public register (every request is public by law), by purpose
and place — not by the organiser, the steward or their contacts."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tyndau.assemblies.models import Assembly
from tyndau.search.selectors.engine import Hit, Source


def public() -> QuerySet[Assembly]:
    return Assembly.objects.only("id", "number", "purpose", "place_description", "status")


def to_hit(assembly: Assembly) -> Hit:
    return Hit(
        kind="assemblies",
        title=Truncator(assembly.purpose).chars(160),
        url=reverse("assemblies:register_detail", args=[assembly.number]),
        snippet=assembly.place_description,
        meta=str(assembly.get_status_display()),
    )


SOURCE = Source(
    kind="assemblies",
    label=_("Peaceful assemblies"),
    public=public,
    a_fields=("purpose",),
    b_fields=("place_description",),
    to_hit=to_hit,
)
