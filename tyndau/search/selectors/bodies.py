"""Public bodies by their names in Kazakh, Russian and English (the directory lists them all)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tyndau.authorities.models import PublicBody
from tyndau.search.selectors.engine import Hit, Source


def public() -> QuerySet[PublicBody]:
    return PublicBody.objects.filter(is_active=True).select_related("region")


def to_hit(body: PublicBody) -> Hit:
    return Hit(
        kind="bodies",
        title=body.name,
        url=reverse("authorities:body_detail", args=[body.slug]),
        meta=body.region.name if body.region is not None else str(body.get_level_display()),
    )


SOURCE = Source(
    kind="bodies",
    label=_("Public bodies"),
    public=public,
    a_fields=("name_kk", "name_ru", "name_en"),
    to_hit=to_hit,
)
