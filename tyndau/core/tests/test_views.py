"""The home page and the health check."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_explains_the_four_services_and_links_the_live_ones(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for heading in ["Appeals and complaints", "E-petitions", "Peaceful assemblies", "Public associations"]:
        assert heading in html
    assert f'href="{reverse("appeals:index")}"' in html
    assert f'href="{reverse("petitions:index")}"' in html
    assert html.count("Coming soon") == 2
    assert "15 working days" in html


@pytest.mark.parametrize(
    ("lang", "heading", "appeals"),
    [
        ("kk", "Мемлекетке жазыңыз, жауапты уақытында алыңыз", "Өтініштер мен шағымдар"),
        ("ru", "Напишите государству — получите ответ в срок", "Обращения и жалобы"),
    ],
)
def test_home_is_translated(client, lang, heading, appeals):
    html = client.get(f"/{lang}/").content.decode()
    assert heading in html
    assert appeals in html
    assert "Coming soon" not in html
    assert "Skip to main content" not in html


def test_home_is_public_for_anonymous_visitors(client):
    assert client.get("/kk/").status_code == 200


def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "tasks": "ok"}}


def test_healthz_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("tyndau.core.views.connection") as connection:
        connection.cursor.side_effect = OperationalError("could not connect to server")
        with mock.patch("django_tasks_db.models.DBTaskResult.objects") as tasks:
            tasks.filter.side_effect = OperationalError("could not connect to server")
            response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "error"
    assert body["checks"]["cache"] == "ok"
    assert "could not connect" not in response.content.decode()


def test_healthz_answers_503_when_the_cache_fails(client):
    with mock.patch("tyndau.core.views.cache") as cache:
        cache.get.return_value = None
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error"


def test_healthz_is_not_cached(client):
    assert "no-cache" in client.get("/healthz").headers.get("Cache-Control", "")
