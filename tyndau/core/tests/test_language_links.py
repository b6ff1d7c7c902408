"""The language switcher: links to the same page under another language prefix."""

from __future__ import annotations

import pytest

from tyndau.core.templatetags.tyndau_i18n import in_language


@pytest.mark.parametrize(
    ("path", "code", "expected"),
    [
        ("/ru/petitions/5/", "kk", "/kk/petitions/5/"),
        ("/kk/petitions/?list=open&q=%D0%BF", "en", "/en/petitions/?list=open&q=%D0%BF"),
        ("/en/", "ru", "/ru/"),
        ("/en", "ru", "/ru/"),
        ("/en?x=1", "kk", "/kk/"),
        ("/healthz", "kk", "/kk/healthz"),  # no prefix: one is added
        ("/english/", "kk", "/kk/english/"),  # a word that starts like a language code is not one
    ],
)
def test_in_language(path: str, code: str, expected: str) -> None:
    assert in_language(path, code) == expected


@pytest.mark.django_db
def test_every_page_links_to_itself_in_the_other_languages(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ru/petitions/?list=closed").content.decode()
    for code in ("kk", "ru", "en"):
        assert f'href="/{code}/petitions/?list=closed" lang="{code}" hreflang="{code}"' in html
    assert 'aria-current="page">Русский' in html
    assert "csrfmiddlewaretoken" not in html  # no form for an anonymous reader of a list
