"""Atom feeds of new, forwarded and answered petitions: valid Atom, per language, public petitions only,
nobody's personal data."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from tests.atom import assert_valid_atom, entry_titles
from tyndau.petitions.models import Petition
from tyndau.petitions.tests.conftest import make_petition

pytestmark = pytest.mark.django_db


def _feed(client: Client, kind: str, lang: str = "en") -> Any:
    with translation.override(lang):
        url = reverse(f"petitions:feed_{kind}")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return response, assert_valid_atom(response.content)


def test_each_feed_follows_its_moment(client: Client, pcast: Any) -> None:
    listed = make_petition(pcast, status="open", title="Light the park path")
    forwarded = make_petition(pcast, status="open", title="Repair the school roof")
    answered = make_petition(pcast, status="open", title="Plant trees on Abay street")
    unlisted = make_petition(pcast, status="open", title="Not yet fifty signatures")
    now = timezone.now()
    Petition.objects.filter(pk__in=[listed.pk, forwarded.pk, answered.pk]).update(listed_at=now)
    Petition.objects.filter(pk__in=[forwarded.pk, answered.pk]).update(status="forwarded", forwarded_at=now)
    Petition.objects.filter(pk=answered.pk).update(
        status="responded", responded_at=now, response_text="The akimat will plant 200 trees in spring."
    )

    _, new = _feed(client, "new")
    assert sorted(entry_titles(new)) == sorted([listed.title, forwarded.title, answered.title])
    assert unlisted.title not in entry_titles(new)
    _, sent = _feed(client, "forwarded")
    assert sorted(entry_titles(sent)) == sorted([forwarded.title, answered.title])
    response, answers = _feed(client, "responses")
    assert entry_titles(answers) == [answered.title]
    assert "200 trees" in response.content.decode()


def test_a_feed_holds_no_personal_data(client: Client, pcast: Any) -> None:
    petition = make_petition(pcast, status="open")
    Petition.objects.filter(pk=petition.pk).update(listed_at=timezone.now())
    body = _feed(client, "new")[0].content.decode()
    for private in (pcast.citizen.email, pcast.citizen.first_name, pcast.citizen.last_name):
        assert private not in body


def test_the_feed_speaks_the_readers_language(client: Client, pcast: Any) -> None:
    body = _feed(client, "forwarded", "ru")[0].content.decode()
    assert "Петиции, набравшие" in body
    assert "/ru/petitions/feeds/forwarded/" in body


def test_the_list_page_links_its_feeds(client: Client, pcast: Any) -> None:
    html = client.get(reverse("petitions:index")).content.decode()
    for kind in ("new", "forwarded", "responses"):
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert reverse(f"petitions:feed_{kind}") in html
