"""Atom feeds of public petitions (Django's syndication framework, RFC 4287 via `Atom1Feed`).

Three moments a reader may want to follow without signing anything: a petition becomes public (listed), it
reaches its threshold and goes to the addressee (forwarded), the addressee's response is published. Each feed
is per language (the URL's prefix) and carries only what the petition page shows the public.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tyndau.core.access import public
from tyndau.petitions import selectors
from tyndau.petitions.models import Petition

SUMMARY_WORDS = 60


class _PetitionFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    kind = ""
    author_name = _("Tyndau")

    def link(self) -> str:
        return reverse("petitions:index")

    def feed_url(self) -> str:
        return reverse(f"petitions:feed_{self.kind}")

    def items(self) -> list[Petition]:
        return selectors.petitions_feed(kind=self.kind)

    def item_title(self, item: Petition) -> str:
        return item.title

    def item_link(self, item: Petition) -> str:
        return reverse("petitions:detail", args=[item.pk])

    def item_guid(self, item: Petition) -> str:
        # One entry per petition and moment: a petition that is forwarded appears again in that feed with its own id.
        return f"tag:tyndau,2026:petition/{item.pk}/{self.kind}"

    item_guid_is_permalink = False

    def item_description(self, item: Petition) -> str:
        return Truncator(item.request_text).words(SUMMARY_WORDS)

    def item_updateddate(self, item: Petition) -> dt.datetime:
        return getattr(item, selectors.FEED_MOMENTS[self.kind])  # type: ignore[no-any-return]

    item_pubdate = item_updateddate

    def item_categories(self, item: Petition) -> list[str]:
        return [item.addressee.name]

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/atom+xml; charset=utf-8"
        return response


class NewPetitionsFeed(_PetitionFeed):
    kind = "new"
    title = _("New petitions")
    subtitle = _("Petitions that have just become public on Tyndau.")


class ForwardedPetitionsFeed(_PetitionFeed):
    kind = "forwarded"
    title = _("Petitions that reached their threshold")
    subtitle = _("Petitions that collected enough signatures and went to the addressee for an answer.")


class PetitionResponsesFeed(_PetitionFeed):
    kind = "responses"
    title = _("Responses to petitions")
    subtitle = _("Answers the addressees published to petitions.")

    def item_description(self, item: Petition) -> str:
        return Truncator(item.response_text).words(SUMMARY_WORDS * 2)


new_petitions = public(NewPetitionsFeed())
forwarded_petitions = public(ForwardedPetitionsFeed())
petition_responses = public(PetitionResponsesFeed())
