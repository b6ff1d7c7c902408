"""Appeals in the public register: those whose applicant consented to publication, read through
the register's own columns (the redacted text, the body) — never the applicant or the original text."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tyndau.appeals.models import Appeal
from tyndau.appeals.selectors import PUBLIC_FIELDS
from tyndau.search.selectors.engine import Hit, Source


def public() -> QuerySet[Appeal]:
    return Appeal.objects.filter(publish_consent=True).select_related("body").only(*PUBLIC_FIELDS)


def to_hit(appeal: Appeal) -> Hit:
    return Hit(
        kind="appeals",
        title=str(_("Appeal %(number)s") % {"number": appeal.number}),
        url=reverse("appeals:register_detail", args=[appeal.number]),
        snippet=Truncator(appeal.public_text).chars(240),
        meta=appeal.body.name if appeal.body_id else "",
    )


SOURCE = Source(
    kind="appeals",
    label=_("Published appeals"),
    public=public,
    a_fields=("public_text",),
    stored_vector="search_vector",
    to_hit=to_hit,
)
