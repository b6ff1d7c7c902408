"""On PostgreSQL: many threads sign the same petition at once (the count is exact, one per IIN), and the
e-mail path survives a dead database connection."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from tyndau.petitions import services, surge
from tyndau.petitions.models import Petition, Signature

from .conftest import make_iin, make_petition, sign_by_email

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _only_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency and connection loss are tested on PostgreSQL (CI runs the suite there)")


def test_concurrent_signing_is_exact_with_one_signature_per_iin(pcast: Any) -> None:
    petition = make_petition(pcast, status="open")
    threads, per_thread, distinct = 12, 25, 200
    accepted: list[int] = []
    refused: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def worker(t: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                n = (t * per_thread + i) % distinct  # every IIN is tried by more than one thread
                sig = sign_by_email(
                    petition, n, email=f"s{t}-{i}@example.kz", region_id=pcast.region.pk, ip=f"10.0.{t}.{i}"
                )
                if sig is None:  # the IIN is held: nothing stored, the truth went by e-mail
                    with lock:
                        refused.append(n)
                else:
                    services.signature_confirm(token=services.confirmation_token(sig.pk))
                    with lock:
                        accepted.append(n)
                # The counter runs while people sign, as in production.
                if i % 10 == 0:
                    services.recount_signatures()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors, errors
    assert len(accepted) == distinct and sorted(accepted) == list(range(distinct))
    assert len(accepted) + len(refused) == threads * per_thread
    services.recount_signatures(full=True)
    petition.refresh_from_db()
    assert petition.signature_count == distinct
    assert Signature.objects.filter(petition=petition).values("iin_hash").distinct().count() == distinct
    assert Petition.objects.get(pk=petition.pk).region_counts.get().count == distinct


def _kill_this_connection() -> int:
    """Terminate this thread's PostgreSQL backend from another connection, then start a request."""
    import psycopg
    from django.db import close_old_connections

    connection.ensure_connection()
    pid = int(connection.connection.info.backend_pid)
    settings_dict = connection.settings_dict
    with psycopg.connect(
        host=settings_dict["HOST"], port=settings_dict["PORT"] or 5432, user=settings_dict["USER"],
        dbname=settings_dict["NAME"], password=settings_dict["PASSWORD"] or None, autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    close_old_connections()  # what Django does when a request starts
    return pid


def test_the_e_mail_path_survives_a_dead_database_connection(pcast: Any) -> None:
    """Signing by e-mail and confirming skip Django's per-request health check (`SELECT 1`): their
    first statement finds a dead persistent connection and runs again on a fresh one."""
    from tyndau.notifications.models import OutgoingEmail

    petition = make_petition(pcast, status="open")
    surge.signing_state(petition.pk)  # cached, as in a surge: the next statement is the signature's
    pid = _kill_this_connection()
    signature = services.signature_create(
        petition_id=petition.pk,
        first_name="A",
        last_name="B",
        iin=make_iin(1),
        email="alive@example.kz",
        region_id=pcast.region.pk,
        show_name=False,
        notify_on_response=False,
        ip=None,
        language="kk",
    )
    assert connection.connection.info.backend_pid != pid
    assert Signature.objects.get(pk=signature.pk).status == "pending"
    letter = OutgoingEmail.objects.get(to_address="alive@example.kz")
    assert services.confirmation_token(signature.pk) in letter.body

    pid = _kill_this_connection()
    services.signature_confirm(token=services.confirmation_token(signature.pk))
    assert connection.connection.info.backend_pid != pid
    assert Signature.objects.get(pk=signature.pk).status == "confirmed"
