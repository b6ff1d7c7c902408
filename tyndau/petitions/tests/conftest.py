"""Fixtures of the petitions tests: an approved petition, valid IINs, verified citizens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from tyndau.core.identity import check_digit


def make_iin(n: int, *, born: dt.date = dt.date(1990, 1, 1)) -> str:
    """The n-th valid IIN of people born on or after `born` (1900s, alternating sex)."""
    k = 0
    while True:
        day = born + dt.timedelta(days=(n + k) // 900)
        serial = 1000 + (n + k) % 900 * 9
        century = 3 if day.year < 2000 else 5
        first = f"{day:%y%m%d}{century + (n % 2)}{serial:04d}"
        digit = check_digit(first)
        if digit is not None:
            return first + str(digit)
        k += 900 * 400  # another day, same serial pattern


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def grounds(db: Any) -> dict[str, Any]:
    from tyndau.authorities.models import LegalGround

    return {g.code: g for g in LegalGround.objects.filter(domain="petitions")}


@pytest.fixture
def pcast(cast: Any) -> Any:
    """The cast, with body A a district town over 50,000 (threshold 2,500)."""
    cast.body_a.population = 60_000
    cast.body_a.save(update_fields=["population"])
    return cast


def make_petition(cast: Any, *, status: str = "draft", title: str = "Build a footbridge over the river") -> Any:
    from tyndau.petitions import services

    petition = services.petition_create_draft(
        actor=cast.citizen,
        title=title,
        request_text="Please build a safe footbridge near school 12. " * 2,
        background="Children cross the highway every day.",
        addressee=cast.body_a,
    )
    if status == "draft":
        return petition
    services.petition_submit(actor=cast.citizen, petition=petition)
    if status == "moderation":
        return petition
    services.petition_approve(actor=cast.moderator, petition=petition)
    petition.refresh_from_db()
    return petition


@pytest.fixture
def open_petition(pcast: Any) -> Any:
    return make_petition(pcast, status="open")


def verify_citizen(user: Any, iin: str, region: Any = None) -> Any:
    from tyndau.accounts.models import CitizenProfile, IdentityVerification, VerificationLevel
    from tyndau.core.pii import encrypt, iin_hash

    CitizenProfile.objects.update_or_create(
        user=user, defaults={"iin_hash": iin_hash(iin), "iin_encrypted": encrypt(iin), "region": region}
    )
    IdentityVerification.objects.create(user=user, method="demo", level=VerificationLevel.DEMO, iin_hash=iin_hash(iin))
    cache.clear()
    return user


def sign_confirmed(petition: Any, n: int, *, region: Any = None, start: int = 0) -> None:
    """Bulk-insert n confirmed signatures (test data; the services path is tested separately)."""
    from django.utils import timezone

    from tyndau.core.pii import iin_hash
    from tyndau.petitions.models import Signature

    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            iin_hash=iin_hash(make_iin(start + i)),
            status="confirmed",
            confirmed_at=now,
            region=region,
            email_domain="example.kz",
        )
        for i in range(n)
    )


@pytest.fixture
def shared_live_server(db: Any) -> Iterator[Any]:
    """A live server sharing the test's database connection, so the test stays inside its
    rolled-back transaction (a transactional test's flush would hit the append-only audit log).
    Requests are served one at a time over that one connection."""
    import threading

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connections

    connection = connections["default"]
    connection.inc_thread_sharing()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    lock = threading.Lock()

    class Server(ThreadedWSGIServer):
        def process_request_thread(self, request: Any, client_address: Any) -> None:
            connections["default"] = connection
            super().process_request_thread(request, client_address)

        def _close_connections(self) -> None:
            pass

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    httpd = Server(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    django_app = WSGIHandler()

    def app(environ: Any, start_response: Any) -> Any:
        # Serialise requests, not connections: a browser's idle (pre)connection must not hold the lock.
        with lock:
            return django_app(environ, start_response)

    httpd.set_app(app)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    class _Server:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"

    yield _Server()
    httpd.shutdown()
    httpd.server_close()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    connection.dec_thread_sharing()
