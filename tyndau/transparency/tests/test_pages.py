"""The public pages: open to everyone in every language, bounded queries, filters that fail gently."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from tyndau.core.access import get_policy
from tyndau.transparency import views

pytestmark = pytest.mark.django_db

PAGES = ("transparency:index", "transparency:scorecards", "transparency:refusals", "transparency:open_data")


def url(name: str, lang: str) -> str:
    with translation.override(lang):
        return reverse(name)


def test_every_view_is_public() -> None:
    for view in (views.index, views.scorecards, views.refusals, views.open_data):
        assert get_policy(view) == "public"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_pages_open_in_every_language(dataset: Any, client: Any, name: str, lang: str) -> None:
    response = client.get(url(name, lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert html.count("<h1") == 1
    assert " style=" not in html and "<script>" not in html


def test_pages_are_translated(dataset: Any, client: Any) -> None:
    assert "Статистика және ашық деректер" in client.get(url("transparency:index", "kk")).content.decode()
    assert "Отказы по правовым основаниям" in client.get(url("transparency:refusals", "ru")).content.decode()
    assert "Деректер жиынтығы" in client.get(url("transparency:open_data", "kk")).content.decode()


def test_dashboard_shows_figures_and_accessible_tables(dataset: Any, client: Any) -> None:
    html = client.get(url("transparency:index", "en"), {"date_from": "2026-03-01", "date_to": "2026-03-31"}).content
    text = html.decode()
    assert "<caption" in text and 'scope="col"' in text and 'scope="row"' in text
    assert "75.0 %" in text  # answered on time
    assert 'aria-hidden="true"' in text  # the bars repeat the table for sighted readers only


def test_invalid_period_shows_an_error_and_the_default_figures(dataset: Any, client: Any) -> None:
    response = client.get(url("transparency:index", "en"), {"date_from": "2026-04-01", "date_to": "2026-03-01"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "usa-error-message" in text and 'aria-invalid="true"' in text
    assert 'value="2026-04-01"' in text  # what was typed is kept
    future = client.get(url("transparency:index", "en"), {"date_to": "2099-01-01"})
    assert "cannot be in the future" in future.content.decode()
    garbage = client.get(url("transparency:scorecards", "en"), {"date_from": "yesterday", "sort": "x"})
    assert garbage.status_code == 200


def test_scorecards_filters_and_sorting(dataset: Any, client: Any) -> None:
    cast = dataset.cast
    page = client.get(url("transparency:scorecards", "en"), {"date_from": "2026-03-01", "sort": "on_time"})
    text = page.content.decode()
    assert text.index(cast.body_b.name_en) < text.index(cast.body_a.name_en)
    assert 'aria-sort="ascending"' in text
    empty = client.get(url("transparency:scorecards", "en"), {"region": "KZ-11"}).content.decode()
    assert cast.body_a.name_en not in empty


def test_refusals_page_lists_grounds(dataset: Any, client: Any) -> None:
    text = client.get(url("transparency:refusals", "en")).content.decode()
    assert dataset.g1.text_en in text and dataset.g2.text_en in text


@pytest.mark.parametrize("name", PAGES)
def test_query_counts_are_bounded(dataset: Any, client: Any, name: str, django_assert_max_num_queries: Any) -> None:
    # Cold cache: a fixed number of grouped queries, whatever the number of appeals.
    with django_assert_max_num_queries(14):
        assert client.get(url(name, "en")).status_code == 200
    with django_assert_max_num_queries(4):  # warm cache: the session, region names
        assert client.get(url(name, "en")).status_code == 200


def test_query_counts_do_not_grow_with_the_data(dataset: Any, client: Any, django_assert_num_queries: Any) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url("transparency:scorecards", "en"))
    for _ in range(3):
        from tyndau.transparency.tests.conftest import _petition

        _petition(dataset.cast, status="open", signature_count=1)
    cache.clear()
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url("transparency:scorecards", "en"))
