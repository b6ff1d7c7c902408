"""audit_verify trusts the published keys, not the database it checks (issue 10.14)."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
import time_machine
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from tyndau.audit import signing
from tyndau.audit.chain import verify_chain
from tyndau.audit.models import LogHead
from tyndau.audit.services import log_head_sign
from tyndau.audit.tests.helpers import disable_append_only_triggers, record
from tyndau.audit.tlog import VerifierKey, raw_public_key

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def _private_b64(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.private_bytes_raw()).decode()


def _vkey(key: Ed25519PrivateKey) -> str:
    return str(VerifierKey.of(signing.log_origin(), raw_public_key(key.public_key())))


def test_a_head_signed_by_an_unpublished_key_is_refused(settings):
    """The attacker re-signs a rewritten head with their own key and stores their public key in the row."""
    published, attacker = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    settings.AUDIT_PUBLIC_KEYS = [_vkey(published)]
    settings.AUDIT_SIGNING_KEY = _private_b64(attacker)
    record(2)
    head = log_head_sign()
    assert head is not None and head.public_key == base64.b64encode(raw_public_key(attacker.public_key())).decode()
    result = verify_chain()
    assert (result.ok, result.reason, result.broken_seq) == (False, "unknown_key", 2)


def test_a_head_signed_by_the_published_key_verifies(settings):
    key = Ed25519PrivateKey.generate()
    settings.AUDIT_PUBLIC_KEYS = [_vkey(key)]
    settings.AUDIT_SIGNING_KEY = _private_b64(key)
    record(2)
    log_head_sign()
    result = verify_chain()
    assert result.ok and result.signed_heads_checked == 1


def test_the_public_key_in_the_row_is_not_trusted_for_the_signature(settings):
    """Even when the row names the published key, the signature is checked with the published key itself."""
    key = Ed25519PrivateKey.generate()
    settings.AUDIT_PUBLIC_KEYS = [_vkey(key)]
    settings.AUDIT_SIGNING_KEY = _private_b64(key)
    record(2)
    head = log_head_sign()
    assert head is not None
    disable_append_only_triggers("audit_loghead")
    forged = base64.b64encode(Ed25519PrivateKey.generate().sign(b"x")).decode()
    LogHead.objects.filter(pk=head.pk).update(signature=forged)
    assert verify_chain().reason == "bad_signature"


def test_a_key_outside_its_published_validity_is_refused(settings):
    key = Ed25519PrivateKey.generate()
    settings.AUDIT_PUBLIC_KEYS = [f"{_vkey(key)}|2026-01-01|2026-06-01"]
    settings.AUDIT_SIGNING_KEY = _private_b64(key)
    record(1)
    with time_machine.travel(dt.datetime(2026, 7, 1, tzinfo=dt.UTC)):
        log_head_sign()
        assert verify_chain().reason == "key_not_valid"


def test_old_heads_stay_verifiable_after_a_key_rotation(settings):
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    settings.AUDIT_PUBLIC_KEYS = [f"{_vkey(old)}|2026-01-01|2026-06-01", f"{_vkey(new)}|2026-06-01"]
    with time_machine.travel(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)):
        settings.AUDIT_SIGNING_KEY = _private_b64(old)
        record(1)
        log_head_sign()
    with time_machine.travel(dt.datetime(2026, 7, 1, tzinfo=dt.UTC)):
        settings.AUDIT_SIGNING_KEY = _private_b64(new)
        record(1)
        log_head_sign()
        result = verify_chain()
    assert result.ok and result.signed_heads_checked == 2


def test_an_empty_log_fails_once_the_first_head_is_due(settings):
    settings.AUDIT_LOG_START = START.isoformat()
    settings.AUDIT_HEAD_INTERVAL = 900
    with time_machine.travel(START + dt.timedelta(minutes=10)):
        assert verify_chain().ok  # not due yet: a fresh portal
    with time_machine.travel(START + dt.timedelta(days=1)):
        result = verify_chain()
        assert (result.ok, result.reason) == (False, "no_signed_head")
        with pytest.raises(CommandError, match="no_signed_head"):
            call_command("audit_verify")


def test_a_log_without_heads_fails_once_the_first_head_is_due(settings):
    settings.AUDIT_LOG_START = ""
    settings.AUDIT_HEAD_INTERVAL = 900
    with time_machine.travel(START):
        record(3)
    with time_machine.travel(START + dt.timedelta(minutes=20)):
        assert verify_chain().ok
    with time_machine.travel(START + dt.timedelta(hours=2)):
        assert verify_chain().reason == "no_signed_head"
        log_head_sign()
        assert verify_chain().ok


def test_new_events_without_a_fresh_head_fail_when_the_head_is_overdue(settings):
    settings.AUDIT_HEAD_INTERVAL = 900
    with time_machine.travel(START):
        record(2)
        log_head_sign()
    with time_machine.travel(START + dt.timedelta(hours=2)):
        record(1)
        assert verify_chain().ok  # the event is new; the signer runs every interval
    with time_machine.travel(START + dt.timedelta(hours=3)):
        assert verify_chain().reason == "head_overdue"


def test_production_refuses_to_call_an_unanchored_empty_log_intact(settings):
    settings.AUDIT_LOG_START_REQUIRED = True  # DEBUG off
    settings.AUDIT_LOG_START = ""
    assert verify_chain().reason == "log_start_unset"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE (DELETE is refused)")
@pytest.mark.postgres
@pytest.mark.parametrize("table", ["audit_event", "audit_loghead"])
def test_truncate_is_refused_on_postgresql(table):
    record(2)
    log_head_sign()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # fire the inserts' deferred FK checks first
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table} CASCADE")
    assert verify_chain().count == 2


def test_audit_public_key_prints_the_key_to_publish(settings, capsys):
    key = Ed25519PrivateKey.generate()
    settings.AUDIT_SIGNING_KEY = _private_b64(key)
    call_command("audit_public_key")
    printed = capsys.readouterr().out.strip()
    assert printed == _vkey(key)
    assert VerifierKey.parse(printed).public_key == raw_public_key(key.public_key())
