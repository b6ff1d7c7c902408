from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import time_machine

from tyndau.authorities.models import Category, LegalGround
from tyndau.core.calendar import KZ_TZ

# A Tuesday morning in Astana with no holiday around it.
MONDAY_10AM = dt.datetime(2026, 3, 2, 10, 0, tzinfo=KZ_TZ)


@pytest.fixture
def category(db: Any) -> Category:
    category, _ = Category.objects.get_or_create(
        slug="test-roads", defaults={"name_kk": "Жолдар", "name_ru": "Дороги", "name_en": "Roads"}
    )
    return category


@pytest.fixture
def ground(db: Any) -> LegalGround:
    ground, _ = LegalGround.objects.get_or_create(
        code="test-appeal-ground",
        defaults={
            "domain": LegalGround.Domain.APPEALS,
            "law": "APPK",
            "article": "art. 89",
            "text_kk": "Негіз",
            "text_ru": "Основание",
            "text_en": "Ground",
        },
    )
    return ground


@pytest.fixture
def file_appeal(cast: Any, category: Category) -> Any:
    def _file(actor: Any = None, **extra: Any) -> Any:
        from tyndau.appeals.services import appeal_file

        fields: dict[str, Any] = {
            "actor": actor or cast.citizen,
            "idempotency_key": uuid.uuid4(),
            "kind": "application",
            "region": cast.region,
            "category": category,
            "body": cast.body_a,
            "subject": "Broken streetlight",
            "text": "The streetlight on our street has been broken for a month.",
        }
        fields.update(extra)
        return appeal_file(**fields)

    return _file


@pytest.fixture
def at_monday() -> Any:
    with time_machine.travel(MONDAY_10AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def shared_live_server(db: Any, django_db_blocker: Any) -> Any:
    """A live server that shares the test's database connection (and so its transaction).

    pytest-django's `live_server` needs a transactional test whose teardown flushes the tables;
    the audit log refuses DELETE (append-only triggers), so on SQLite that flush fails once a
    test has written events. Sharing the connection keeps the test inside its rolled-back
    transaction; requests are handled one at a time, so one connection is enough.
    """
    import threading

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.db import connections

    connection = connections["default"]
    connection.inc_thread_sharing()
    # Django closes "obsolete" connections around each request; inside the test's transaction the
    # shared connection looks obsolete (autocommit off) and must stay open.
    connection.close_if_unusable_or_obsolete = lambda: None  # type: ignore[method-assign]
    lock = threading.Lock()

    class Server(ThreadedWSGIServer):
        def process_request_thread(self, request: Any, client_address: Any) -> None:
            connections["default"] = connection
            with django_db_blocker.unblock():
                super().process_request_thread(request, client_address)

        def _close_connections(self) -> None:
            pass

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    httpd = Server(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    handler = WSGIHandler()

    def app(environ: Any, start_response: Any) -> Any:
        # One request at a time on the shared connection (per request, not per keep-alive socket).
        with lock:
            return handler(environ, start_response)

    httpd.set_app(app)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    class _Server:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"

    try:
        yield _Server()
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
        del connection.close_if_unusable_or_obsolete
        connection.dec_thread_sharing()
