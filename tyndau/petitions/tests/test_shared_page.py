"""The petition page for anonymous readers is one shared render per process (surge.pages.shared_page):
it must be the normal render, hold nothing of any visitor, and be exactly as fresh as the cached
body it was made around."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import render
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tyndau.petitions import services, views
from tyndau.petitions.models import Petition
from tyndau.petitions.surge import pages
from tyndau.petitions.tests.conftest import sign_confirmed
from tyndau.petitions.tests.test_email_path import _anonymous_request, _without_csrf


def _page_key(petition: Petition, language: str) -> str:
    return f"detail:petitions:page:{petition.pk}:{language}"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_shared_page_is_the_normal_render(open_petition: Petition, language: str) -> None:
    path = f'/{language}/petitions/{open_petition.pk}/?from=<b>&x="q"'
    with translation.override(language):
        views.detail(_anonymous_request(path), open_petition.pk)  # fills the cached body
        title, body, _rendered_at = cache.get(f"petitions:page:{open_petition.pk}:{language}")
        expected = render(
            _anonymous_request(path),
            "petitions/detail.html",
            {
                "title": title,
                "body_html": views.mark_safe(body),
                "page_url": f"http://testserver/{language}/petitions/{open_petition.pk}/",
                "image_url": f"http://testserver/{language}/petitions/{open_petition.pk}/preview.png",
            },
        ).content.decode()
        for _ in range(2):  # the copy just made, then the copy reused
            request = _anonymous_request(path)
            page = views.detail(request, open_petition.pk).content.decode()
            assert page == expected
            assert "CSRF_COOKIE" not in request.META, "a reader gets no cookie"
    assert _page_key(open_petition, language) in pages._shared_pages
    assert "&amp;x=" in expected and pages._PATH_PLACEHOLDER not in expected


def test_shared_page_holds_nothing_of_a_visitor(open_petition: Petition) -> None:
    rendered = []
    for _ in range(2):
        visitor = Client()
        response = visitor.get(reverse("petitions:detail", args=[open_petition.pk]) + "?ref=visitor-own-link")
        assert response.status_code == 200
        html = response.content.decode()
        assert not response.cookies, "a reader gets no cookie"
        assert "visitor-own-link" in html  # in the language links, for this visitor only
        rendered.append(html)
    stored = pages._shared_pages[_page_key(open_petition, "kk")][2]
    assert "visitor-own-link" not in stored


def _main(response: Any) -> str:
    return _without_csrf(response.content.decode().split("<main", 1)[1].split("</main>", 1)[0])


def test_shared_page_is_as_fresh_as_the_cached_body(client: Any, pcast: Any, open_petition: Petition) -> None:
    url = reverse("petitions:detail", args=[open_petition.pk])
    before = _main(client.get(url))
    sign_confirmed(open_petition, 60, region=pcast.region)
    services.recount_signatures()
    assert _main(client.get(url)) == before  # within the counting interval: the same page
    cache.clear()  # the interval has passed: the body is rendered again, and the shared page with it
    after = _main(client.get(url))
    assert after != before and ">60<" in after.replace(" ", "")


def test_signed_in_readers_and_readers_with_messages_get_the_normal_render(
    client: Any, pcast: Any, open_petition: Petition
) -> None:
    pages._shared_pages.clear()
    client.force_login(pcast.citizen)
    page = client.get(reverse("petitions:detail", args=[open_petition.pk]))
    assert page.status_code == 200 and "petitions/detail.html" in [t.name for t in page.templates]
    assert _page_key(open_petition, "kk") not in pages._shared_pages

    with translation.override("kk"):
        request = _anonymous_request(f"/kk/petitions/{open_petition.pk}/")
        messages.info(request, "A flashed note for this reader only")
        html = views.detail(request, open_petition.pk).content.decode()
    assert "A flashed note for this reader only" in html
    assert _page_key(open_petition, "kk") not in pages._shared_pages
