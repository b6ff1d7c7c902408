"""Reads from the replica only where safe: opted-in public GET views, outside transactions, not for a
person who just wrote, and not while the replica is down or lags. Writes always go to the primary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import DatabaseError, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from tyndau.core import replica
from tyndau.core.replica import REPLICA, WROTE_COOKIE, ReplicaMiddleware, ReplicaRouter, replica_reads


@pytest.fixture
def with_replica(monkeypatch: Any) -> Iterator[None]:
    """A "replica" alias on the test database itself (as `TEST: MIRROR` does), healthy unless a test says
    otherwise (the test database may not be opened through a second alias)."""
    monkeypatch.setattr(replica, "lag_seconds", lambda: 0.0)
    connections.settings[REPLICA] = connections.settings["default"]
    replica.forget_health()
    yield
    replica.forget_health()
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def _through_middleware(request: HttpRequest, view: Any) -> tuple[HttpResponse, str]:
    """Run `view` through the middleware as Django would; report where a read would go inside it."""
    seen: dict[str, str] = {}

    def inner(req: HttpRequest) -> HttpResponse:
        middleware.process_view(req, view, (), {})
        seen["db"] = ReplicaRouter().db_for_read(None)
        return view(req)

    middleware = ReplicaMiddleware(inner)
    response = middleware(request)
    return response, seen["db"]


@replica_reads
def figures(request: HttpRequest) -> HttpResponse:
    return HttpResponse("figures")


def form(request: HttpRequest) -> HttpResponse:
    return HttpResponse("form")


@pytest.mark.django_db(transaction=True)
def test_an_opted_in_get_reads_from_the_replica(with_replica: None, rf: RequestFactory) -> None:
    assert _through_middleware(rf.get("/"), figures)[1] == REPLICA
    assert ReplicaRouter().db_for_read(None) == "default", "outside the request everything is the primary's"


@pytest.mark.django_db(transaction=True)
def test_other_views_and_unsafe_methods_read_from_the_primary(with_replica: None, rf: RequestFactory) -> None:
    assert _through_middleware(rf.get("/"), form)[1] == "default"
    assert _through_middleware(rf.post("/"), figures)[1] == "default"


@pytest.mark.django_db(transaction=True)
def test_a_person_who_just_wrote_reads_from_the_primary(with_replica: None, rf: RequestFactory, settings: Any) -> None:
    response, _ = _through_middleware(rf.post("/"), form)
    cookie = response.cookies[WROTE_COOKIE]
    assert cookie["max-age"] == settings.TYNDAU_READ_YOUR_WRITES_SECONDS and cookie["httponly"]
    request = rf.get("/")
    request.COOKIES[WROTE_COOKIE] = "1"
    assert _through_middleware(request, figures)[1] == "default"


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_reads_stay_on_the_primary(with_replica: None, rf: RequestFactory) -> None:
    @replica_reads
    def locking(request: HttpRequest) -> HttpResponse:
        with transaction.atomic():
            return HttpResponse(ReplicaRouter().db_for_read(None))

    response, _ = _through_middleware(rf.get("/"), locking)
    assert response.content == b"default"


@pytest.mark.django_db(transaction=True)
def test_a_replica_that_is_down_or_lagging_is_skipped(
    with_replica: None, rf: RequestFactory, monkeypatch: Any, settings: Any
) -> None:
    def down() -> float:
        raise DatabaseError("connection refused")

    monkeypatch.setattr(replica, "lag_seconds", down)
    assert _through_middleware(rf.get("/"), figures)[1] == "default"
    replica.forget_health()
    monkeypatch.setattr(replica, "lag_seconds", lambda: settings.TYNDAU_REPLICA_MAX_LAG_SECONDS + 1.0)
    assert _through_middleware(rf.get("/"), figures)[1] == "default"
    replica.forget_health()
    monkeypatch.setattr(replica, "lag_seconds", lambda: 0.2)
    assert _through_middleware(rf.get("/"), figures)[1] == REPLICA


@pytest.mark.django_db(transaction=True)
def test_the_health_is_asked_at_most_every_few_seconds(with_replica: None, monkeypatch: Any) -> None:
    calls: list[int] = []
    monkeypatch.setattr(replica, "lag_seconds", lambda: calls.append(1) or 0.0)
    assert replica.replica_healthy(now=1000.0)
    assert replica.replica_healthy(now=1000.0 + replica.CHECK_EVERY_SECONDS - 0.1)
    assert len(calls) == 1
    assert replica.replica_healthy(now=1000.0 + replica.CHECK_EVERY_SECONDS)
    assert len(calls) == 2


def test_without_a_replica_nothing_changes(rf: RequestFactory) -> None:
    assert _through_middleware(rf.get("/"), figures)[1] == "default"
    response, _ = _through_middleware(rf.post("/"), form)
    assert WROTE_COOKIE not in response.cookies


@pytest.mark.django_db(transaction=True)
def test_writes_and_migrations_only_on_the_primary() -> None:
    router = ReplicaRouter()
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "appeals") and not router.allow_migrate(REPLICA, "appeals")


@pytest.mark.django_db(transaction=True)
def test_the_lag_of_a_database_that_is_not_a_standby_is_zero() -> None:
    assert replica.lag_seconds("default") == 0.0
