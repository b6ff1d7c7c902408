"""Sharing a petition and embedding its counter: the share block, the frameable counter page and the SVG
badge — from the counted figures, cached, cookie-free, and the only pages any site may frame."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape as html_unescape
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tyndau.petitions.models import Petition
from tyndau.petitions.tests.conftest import make_petition

pytestmark = pytest.mark.django_db

TRICKY_TITLE = 'Say "no" to <noise> & dust'


def _url(name: str, pk: int, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse(f"petitions:{name}", args=[pk])


@pytest.fixture
def counted(pcast: Any) -> Petition:
    petition = make_petition(pcast, status="open", title=TRICKY_TITLE)
    Petition.objects.filter(pk=petition.pk).update(signature_count=1234)
    petition.refresh_from_db()
    return petition


def test_the_page_of_an_open_petition_offers_its_link_messengers_and_embed_code(client: Client, counted: Any) -> None:
    html = client.get(_url("detail", counted.pk)).content.decode()
    link = f"http://testserver/en/petitions/{counted.pk}/"
    assert f'id="share-link" type="url" value="{link}" readonly' in html
    assert f"https://t.me/share/url?url={quote(link)}" in html
    assert "https://wa.me/?text=" in html
    # the code to copy, once the page is read, is HTML with the title escaped once: pasting it is valid
    code = html_unescape(re.search(r'id="embed-code" type="text" readonly value="([^"]*)"', html)[1])
    assert code.startswith(f'<iframe src="http://testserver/en/petitions/{counted.pk}/embed/"')
    assert 'title="Say &quot;no&quot; to &lt;noise&gt; &amp; dust"' in code
    badge = html_unescape(re.search(r'id="badge-code" type="text" readonly value="([^"]*)"', html)[1])
    assert f'<img src="http://testserver/en/petitions/{counted.pk}/badge.svg"' in badge
    assert f"/en/petitions/{counted.pk}/embed/" in html
    assert '<meta property="og:title" content="Say &quot;no&quot; to &lt;noise&gt; &amp; dust">' in html


@pytest.mark.parametrize("status", ["draft", "moderation"])
def test_a_petition_not_yet_collecting_is_not_shared_or_embedded(client: Client, pcast: Any, status: str) -> None:
    petition = make_petition(pcast, status=status)
    client.force_login(pcast.citizen)
    assert "share-link" not in client.get(_url("detail", petition.pk)).content.decode()
    client.logout()
    assert client.get(_url("embed", petition.pk)).status_code == 404
    assert client.get(_url("badge", petition.pk)).status_code == 404


def test_the_counter_page_may_be_framed_by_any_site_and_nothing_else_may(client: Client, counted: Any) -> None:
    response = client.get(_url("embed", counted.pk))
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert not response.cookies
    html = response.content.decode()
    assert 'target="_top"' in html and "1,234" in html
    page = client.get(_url("detail", counted.pk))
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_the_counter_speaks_the_readers_language_and_numbers(client: Client, counted: Any) -> None:
    url = _url("embed", counted.pk, "ru")
    html = client.get(url).content.decode()
    assert "Подписать петицию" in html or "Подпишите" in html
    assert "1\xa0234" in html


def test_the_badge_is_svg_from_the_cached_count(client: Client, counted: Any, django_assert_num_queries: Any) -> None:
    url = _url("badge", counted.pk)
    first = client.get(url)
    assert first["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(first.content)  # noqa: S314 — our own response, in a test
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "1,234" in first.content.decode()
    assert "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_the_counter_and_badge_are_rendered_once_per_interval_language_and_host(
    client: Client, counted: Any, settings: Any
) -> None:
    """Under a surge the counter is read from other sites as often as the petition page: each process
    renders it once per language and host for one counting interval (the interval its public
    Cache-Control already allows), then shows the newly counted figure."""
    import time_machine
    from django.core.cache import cache

    from tyndau.petitions import rules

    settings.ALLOWED_HOSTS = ["testserver", "tyndau.example"]
    with time_machine.travel("2026-12-06 12:00:00+00:00", tick=False) as clock:
        first = client.get(_url("embed", counted.pk)).content
        badge = client.get(_url("badge", counted.pk)).content
        Petition.objects.filter(pk=counted.pk).update(signature_count=2000)
        cache.clear()  # even with the cached count gone, the process's copy stands for the interval
        assert client.get(_url("embed", counted.pk)).content == first
        assert client.get(_url("badge", counted.pk)).content == badge
        other_host = client.get(_url("embed", counted.pk), HTTP_HOST="tyndau.example").content.decode()
        assert f"http://tyndau.example/en/petitions/{counted.pk}/" in other_host
        assert "2,000" in other_host  # its own copy, built now
        # Russian was not rendered before the count changed: its copy is built now, with the new count.
        assert "2\xa0000" in client.get(_url("embed", counted.pk, "ru")).content.decode()
        clock.shift(rules.value("count_interval_seconds") + 1)
        assert "2,000" in client.get(_url("embed", counted.pk)).content.decode()
        assert "2,000" in client.get(_url("badge", counted.pk)).content.decode()


def test_a_hidden_petitions_counter_is_not_kept(client: Client, counted: Any) -> None:
    from django.core.cache import cache

    Petition.objects.filter(pk=counted.pk).update(status="draft")
    cache.clear()
    assert client.get(_url("embed", counted.pk)).status_code == 404
    Petition.objects.filter(pk=counted.pk).update(status="open")
    assert client.get(_url("embed", counted.pk)).status_code == 200
