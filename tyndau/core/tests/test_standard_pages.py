"""The standard pages (help, accessibility, privacy, terms): each in three languages, linked from every
footer and from each other, with the support address from settings."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from tyndau.core.views import STANDARD_PAGES

pytestmark = pytest.mark.django_db

TITLES = {
    "en": {
        "help": "Help and questions",
        "accessibility": "Accessibility statement",
        "privacy": "Privacy notice",
        "terms": "Terms of use",
    },
    "ru": {
        "help": "Помощь и вопросы",
        "accessibility": "Заявление о доступности",
        "privacy": "Уведомление о персональных данных",
        "terms": "Условия использования",
    },
    "kk": {
        "help": "Анықтама және сұрақтар",
        "accessibility": "Қолжетімділік туралы мәлімдеме",
        "privacy": "Дербес деректер туралы хабарлама",
        "terms": "Пайдалану шарттары",
    },
}


def _url(page: str, lang: str) -> str:
    with translation.override(lang):
        return reverse(f"core:{page}")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("page", [slug for slug, _label in STANDARD_PAGES])
def test_each_page_answers_in_each_language(client: Client, page: str, lang: str) -> None:
    response = client.get(_url(page, lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{TITLES[lang][page]}</h1>" in html
    # the other three pages are linked from its foot, and it does not link to itself there
    for other, _label in STANDARD_PAGES:
        assert _url(other, lang) in html


def test_every_footer_links_the_standard_pages(client: Client) -> None:
    html = client.get(_url("help", "ru").replace("/help/", "/")).content.decode()
    for title in TITLES["ru"].values():
        assert title in html


@override_settings(TYNDAU_SUPPORT_EMAIL="barriers@example.kz")
@pytest.mark.parametrize("page", ["help", "accessibility", "privacy"])
def test_the_support_address_comes_from_settings(client: Client, page: str) -> None:
    html = client.get(_url(page, "kk")).content.decode()
    assert 'href="mailto:barriers@example.kz"' in html


def test_the_review_date_is_in_the_readers_format(client: Client) -> None:
    assert "6 декабря 2026" in client.get(_url("privacy", "ru")).content.decode()
    assert "December 6, 2026" in client.get(_url("privacy", "en")).content.decode()
