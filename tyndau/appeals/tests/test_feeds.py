"""The register's Atom feed: valid Atom, the register's own filters (a body's answered appeals), only
consented appeals and only their redacted columns."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.atom import assert_valid_atom, entry_titles
from tyndau.appeals.models import Appeal

pytestmark = pytest.mark.django_db


def _feed(client: Client, query: str = "", lang: str = "en") -> tuple[str, Any]:
    with translation.override(lang):
        url = reverse("appeals:register_feed")
    response = client.get(url + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return response.content.decode(), assert_valid_atom(response.content)


def test_only_consented_appeals_with_their_redacted_text(client: Client, cast: Any, file_appeal: Any) -> None:
    shown = file_appeal(publish_consent=True)
    hidden = file_appeal(publish_consent=False)
    Appeal.objects.filter(pk=shown.pk).update(public_text="The lamp on [address] is broken.")
    body, root = _feed(client)
    titles = entry_titles(root)
    assert any(shown.number in t for t in titles)
    assert not any(hidden.number in t for t in titles)
    assert "The lamp on [address] is broken." in body
    for private in (cast.citizen.email, cast.citizen.first_name, cast.citizen.last_name):
        assert private not in body


def test_the_feed_takes_the_registers_filters(client: Client, cast: Any, file_appeal: Any) -> None:
    answered = file_appeal(publish_consent=True)
    waiting = file_appeal(publish_consent=True)
    Appeal.objects.filter(pk=answered.pk).update(status="answered")
    body, root = _feed(client, f"?body={answered.body_id}&status=answered")
    titles = entry_titles(root)
    assert any(answered.number in t for t in titles)
    assert not any(waiting.number in t for t in titles)
    # the feed's own address and its alternate link keep the filters (paging is dropped)
    assert f"register/feed/?body={answered.body_id}&amp;status=answered" in body


def test_a_bad_filter_gives_the_unfiltered_feed_not_an_error(client: Client, cast: Any) -> None:
    _feed(client, "?body=99999999999999999999&date_from=0001-01-01&status=%00")


def test_the_register_links_the_feed_of_what_it_shows(client: Client, cast: Any) -> None:
    html = client.get(reverse("appeals:register") + "?status=answered").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert "register/feed/?status=answered" in html


def test_the_feed_speaks_the_readers_language(client: Client, cast: Any, file_appeal: Any) -> None:
    file_appeal(publish_consent=True)
    _body, root = _feed(client, lang="kk")
    assert "Өтініш" in entry_titles(root)[0]
