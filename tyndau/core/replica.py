"""Reads from a streaming replica where that is safe, writes always to the primary.

A view opts in with `@replica_reads` (public, read-only pages: transparency figures, the register, open
data). Inside such a request `ReplicaRouter` sends reads to the "replica" database alias, unless:

- no replica is configured (`DATABASE_REPLICA_URL` unset): one database, nothing changes;
- the request is inside a transaction on the primary (a service that locks and writes reads there);
- the person wrote something a moment ago (read-your-writes): `ReplicaMiddleware` marks every unsafe
  request's response with a short-lived cookie, and while it lasts their reads stay on the primary, so a
  citizen never misses their own appeal or signature;
- the replica is down or lags more than `TYNDAU_REPLICA_MAX_LAG_SECONDS` (checked at most every few
  seconds per process): reads go to the primary until it is back.

Writes, migrations and everything not opted in use the primary ("default").
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.utils.deprecation import MiddlewareMixin

logger = logging.getLogger(__name__)

REPLICA = "replica"
WROTE_COOKIE = "tyndau_wrote"
CHECK_EVERY_SECONDS = 5.0

_reading_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_reads", default=False)
_health: dict[str, float | bool] = {"checked_at": float("-inf"), "healthy": False}


def replica_reads(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a read-only view whose queries may be answered by the replica."""
    view.replica_reads = True  # type: ignore[attr-defined]
    return view


def replica_configured() -> bool:
    return REPLICA in connections.settings  # settings.DATABASES as Django's connection handler read it


def replica_healthy(now: float | None = None) -> bool:
    """Whether the replica answers and lags no more than the setting; asked at most every few seconds."""
    now = time.monotonic() if now is None else now
    if now - float(_health["checked_at"]) < CHECK_EVERY_SECONDS:
        return bool(_health["healthy"])
    _health["checked_at"] = now
    try:
        _health["healthy"] = lag_seconds() <= settings.TYNDAU_REPLICA_MAX_LAG_SECONDS
    except DatabaseError as exc:
        logger.warning("replica: unreachable (%s); reading from the primary", type(exc).__name__)
        connections[REPLICA].close()
        _health["healthy"] = False
    return bool(_health["healthy"])


def lag_seconds(alias: str = REPLICA) -> float:
    """How far the replica's replay is behind (0 for a database that is not a standby, e.g. in tests)."""
    replica = connections[alias]
    if replica.vendor != "postgresql":
        return 0.0
    with replica.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN pg_is_in_recovery() AND pg_last_wal_receive_lsn() <> pg_last_wal_replay_lsn()"
            " THEN EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) ELSE 0 END"
        )
        return float(cursor.fetchone()[0] or 0)


def forget_health() -> None:
    """Check the replica again at the next read (tests; after reconfiguring)."""
    _health["checked_at"] = float("-inf")


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        if (
            _reading_from_replica.get()
            and replica_configured()
            and not connections["default"].in_atomic_block
            and replica_healthy()
        ):
            return REPLICA
        return "default"

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == "default"


class ReplicaMiddleware(MiddlewareMixin):
    """Lets an opted-in view read from the replica, and keeps a writer's reads on the primary a while.
    Hooks only (no `__call__` of its own), so the petitions signing lane runs it as it runs the others."""

    def process_request(self, request: HttpRequest) -> None:
        _reading_from_replica.set(False)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        if (
            getattr(view, "replica_reads", False)
            and request.method in ("GET", "HEAD")
            and WROTE_COOKIE not in request.COOKIES
        ):
            _reading_from_replica.set(True)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        _reading_from_replica.set(False)
        if request.method not in ("GET", "HEAD", "OPTIONS") and replica_configured():
            response.set_cookie(
                WROTE_COOKIE,
                "1",
                max_age=settings.TYNDAU_READ_YOUR_WRITES_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response
