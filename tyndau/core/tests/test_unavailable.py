"""A database that is away answers a translated 503 with Retry-After, never a 500 traceback — whether the
view or a middleware (signing in, sessions) met the error (tyndau/core/unavailable.py, issue 17)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, InterfaceError, OperationalError
from django.test import Client, RequestFactory
from django.utils import translation

from tyndau.core.unavailable import DatabaseUnavailableMiddleware, server_error


def _away(*args: Any, **kwargs: Any) -> Any:
    raise OperationalError("connection failed: server closed the connection unexpectedly")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title"),
    [("kk", "Қызмет уақытша қолжетімсіз"), ("ru", "Сервис ненадолго недоступен"), ("en", "briefly unavailable")],
)
def test_database_away_in_a_middleware_gives_a_translated_503(monkeypatch: Any, lang: str, title: str) -> None:
    monkeypatch.setattr("django.contrib.auth.middleware.auth.get_user", _away)
    client = Client(raise_request_exception=False)
    response = client.get(f"/{lang}/petitions/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert title in body and f'lang="{lang}"' in body
    assert "Traceback" not in body and "OperationalError" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError("gone"), InterfaceError("connection already closed")])
def test_the_view_error_becomes_a_503(error: Exception) -> None:
    request = RequestFactory().post("/ru/petitions/1/sign/")
    with translation.override("ru"):
        response = DatabaseUnavailableMiddleware(lambda r: None).process_exception(request, error)  # type: ignore[arg-type,return-value]
    assert response is not None and response.status_code == 503
    assert "Сервис ненадолго недоступен" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_are_left_to_django() -> None:
    request = RequestFactory().get("/en/")
    middleware = DatabaseUnavailableMiddleware(lambda r: None)  # type: ignore[arg-type,return-value]
    assert middleware.process_exception(request, ValueError("a bug")) is None
    assert middleware.process_exception(request, DatabaseError("an integrity problem")) is None
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
