"""The Atom feed of the public register (Django's syndication framework, RFC 4287 via `Atom1Feed`).

It takes the register's own search filters, so "a body's answered appeals" is the register filtered by that
body and status, and the register page links the feed of exactly what it shows. Entries carry only the
register's redacted columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tyndau.appeals import selectors
from tyndau.appeals.models import Appeal
from tyndau.appeals.views.public import register_filters
from tyndau.core.access import public
from tyndau.core.replica import replica_reads

SUMMARY_WORDS = 60


@dataclass(frozen=True)
class Selection:
    filters: selectors.RegisterFilters
    query: str  # the register's query string, without paging


class RegisterFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    author_name = _("Tyndau")
    title = _("Public register of appeals")
    subtitle = _("Appeals published with their authors' consent, personal details removed.")

    # The instance serves every request: what differs per request travels in `obj`, never on `self`.
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Selection:
        query = request.GET.copy()
        query.pop("before", None)
        return Selection(register_filters(request)[1], query.urlencode())

    def link(self, obj: Selection) -> str:
        return reverse("appeals:register") + (f"?{obj.query}" if obj.query else "")

    def feed_url(self, obj: Selection) -> str:
        return reverse("appeals:register_feed") + (f"?{obj.query}" if obj.query else "")

    def items(self, obj: Selection) -> list[Appeal]:
        return selectors.public_register(filters=obj.filters)

    def item_title(self, item: Appeal) -> str:
        return gettext("Appeal %(number)s: %(category)s — %(status)s") % {
            "number": item.number,
            "category": item.category.name if item.category_id else "",
            "status": item.get_status_display(),
        }

    def item_link(self, item: Appeal) -> str:
        return reverse("appeals:register_detail", args=[item.number])

    def item_guid(self, item: Appeal) -> str:
        return f"tag:tyndau,2026:appeal/{item.number}"

    item_guid_is_permalink = False

    def item_description(self, item: Appeal) -> str:
        return Truncator(item.public_text).words(SUMMARY_WORDS)

    def item_pubdate(self, item: Appeal) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(item.registered_on, dt.time()))

    def item_updateddate(self, item: Appeal) -> dt.datetime:
        return item.answered_at or self.item_pubdate(item)

    def item_categories(self, item: Appeal) -> list[str]:
        return [item.body.name] if item.body_id else []

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/atom+xml; charset=utf-8"
        return response


register_feed = public(replica_reads(RegisterFeed()))  # type: ignore[arg-type]
