"""Public associations in the registry (the statuses it lists), by their Kazakh and Russian names —
not by the head or the founders."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tyndau.associations.models import Application
from tyndau.associations.selectors import PUBLIC_STATUSES
from tyndau.search.selectors.engine import Hit, Source


def public() -> QuerySet[Application]:
    return Application.objects.filter(status__in=PUBLIC_STATUSES).only("id", "number", "name_kk", "name_ru", "status")


def to_hit(application: Application) -> Hit:
    return Hit(
        kind="associations",
        title=application.name,
        url=reverse("associations:registry_detail", args=[application.number]),
        meta=str(application.get_status_display()),
    )


SOURCE = Source(
    kind="associations",
    label=_("Public associations"),
    public=public,
    a_fields=("name_kk", "name_ru"),
    to_hit=to_hit,
)
