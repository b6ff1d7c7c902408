"""Petitions the public lists show: open, forwarded, responded and closed ones once listed (50
signatures), and rejected ones whose ground is published — never an offensive petition, a draft
or one in moderation (the rules of tyndau.petitions.selectors.petition_public_list)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tyndau.petitions.models import PUBLIC_STATUSES, Petition, Status
from tyndau.search.selectors.engine import Hit, Source


def public() -> QuerySet[Petition]:
    listed = Q(status__in=[s for s in PUBLIC_STATUSES if s != Status.REJECTED], listed_at__isnull=False)
    rejected_in_public = Q(status=Status.REJECTED, rejection_ground__is_public=True)
    return Petition.objects.filter(listed | rejected_in_public).only(
        "id", "title", "request_text", "status", "signature_count"
    )


def to_hit(petition: Petition) -> Hit:
    return Hit(
        kind="petitions",
        title=petition.title,
        url=reverse("petitions:detail", args=[petition.pk]),
        snippet=Truncator(petition.request_text).chars(240),
        meta=str(petition.get_status_display()),
        extra={"signatures": petition.signature_count},
    )


SOURCE = Source(
    kind="petitions",
    label=_("Petitions"),
    public=public,
    a_fields=("title",),
    b_fields=("request_text",),
    stored_vector="search_vector",
    to_hit=to_hit,
)
