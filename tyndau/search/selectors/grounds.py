"""Legal grounds: the catalogue every refusal cites, by law, article and meaning in three languages.
A ground that is not published with its decision (an offensive petition) is not found either."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tyndau.authorities.models import LegalGround
from tyndau.search.selectors.engine import Hit, Source


def public() -> QuerySet[LegalGround]:
    return LegalGround.objects.filter(is_active=True, is_public=True)


def to_hit(ground: LegalGround) -> Hit:
    return Hit(
        kind="grounds",
        title=ground.citation,
        url=reverse("transparency:refusals"),  # refusals per body and ground
        snippet=Truncator(ground.text).chars(240),
        meta=str(ground.get_domain_display()),
    )


SOURCE = Source(
    kind="grounds",
    label=_("Legal grounds"),
    public=public,
    a_fields=("law", "article"),
    b_fields=("text_kk", "text_ru", "text_en"),
    to_hit=to_hit,
)
