"""The home page and the health check."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from tyndau.core import heartbeat
from tyndau.core.models import Heartbeat

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
    assert f'href="{reverse("assemblies:index")}"' in html
    assert f'href="{reverse("associations:index")}"' in html
    assert "Coming soon" not in html
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
    heartbeat.beat(heartbeat.WORKER)
    heartbeat.beat(heartbeat.PERIODIC)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "tasks": "ok", "worker": "ok", "periodic": "ok"},
    }


def test_healthz_fails_and_names_a_dead_worker_or_periodic_runner(client, settings):
    """A worker that stopped beating (dead, or stuck) makes /healthz 503 and says which process."""
    heartbeat.beat(heartbeat.PERIODIC)
    with time_machine.travel(timezone.now() - dt.timedelta(seconds=settings.HEALTH_STALE_SECONDS + 1)):
        heartbeat.beat(heartbeat.WORKER)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "stale"
    assert response.json()["checks"]["periodic"] == "ok"
    Heartbeat.objects.all().delete()  # never started at all
    assert client.get("/healthz").json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "tasks": "ok",
        "worker": "stale",
        "periodic": "stale",
    }


def test_healthz_answers_on_plain_http_when_https_is_enforced(client, settings):
    """A load balancer probes the backend over HTTP: /healthz must not redirect, other pages do."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/kk/").status_code == 301
    response = client.get("/healthz")
    assert response.status_code in (200, 503)
    assert "status" in response.json()


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


def test_a_path_under_the_api_that_no_operation_answers_is_a_json_404(client: Any) -> None:
    # The schema fuzzer found /api/v1/audit/log/tile/-10936/<newline>... answered with the HTML 404 page.
    for url in ("/api/v1/audit/log/tile/-10936/%0A%C2%B2", "/api/v1/no-such-thing", "/api/other"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not Found"}
