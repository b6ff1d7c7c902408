"""audit_verify recomputes the chain; tampering is found at the right sequence number."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tyndau.audit.chain import verify_chain
from tyndau.audit.models import ChainCheck, Event, LogHead
from tyndau.audit.services import log_head_sign
from tyndau.audit.tests.helpers import disable_append_only_triggers, record

pytestmark = pytest.mark.django_db


def test_empty_log_is_intact():
    result = verify_chain()
    assert result.ok and result.count == 0 and result.head_seq is None


def test_intact_chain_exits_zero_with_a_summary(capsys):
    events = record(5)
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert "audit chain OK: 5 events" in out
    assert events[-1].hash in out
    check = ChainCheck.objects.get()
    assert check.ok and check.event_count == 5 and check.head_seq == 5


def test_verification_streams_in_chunks(django_assert_max_num_queries):
    """A fixed number of queries however long the log: events and stored leaves stream in chunks."""
    record(3)
    with django_assert_max_num_queries(10):
        assert verify_chain().ok
    record(40)
    with django_assert_max_num_queries(10):
        assert verify_chain().ok


def _assert_broken(seq: int, reason: str) -> None:
    result = verify_chain()
    assert not result.ok
    assert (result.broken_seq, result.reason) == (seq, reason)
    with pytest.raises(CommandError, match=f"BROKEN at seq {seq}: {reason}") as excinfo:
        call_command("audit_verify")
    assert excinfo.value.returncode == 1
    assert ChainCheck.objects.latest().broken_seq == seq


def test_edited_payload_is_found():
    record(5)
    disable_append_only_triggers()
    Event.objects.filter(seq=3).update(payload={"n": 99})
    _assert_broken(3, "hash_mismatch")


def test_edited_time_is_found():
    events = record(5)
    disable_append_only_triggers()
    Event.objects.filter(seq=4).update(occurred_at=events[0].occurred_at)
    _assert_broken(4, "hash_mismatch")


def test_rehashed_edit_breaks_the_next_link():
    """An attacker who recomputes the edited row's hash still breaks the next row's prev_hash."""
    record(5)
    disable_append_only_triggers()
    Event.objects.filter(seq=3).update(hash="f" * 64)
    _assert_broken(3, "hash_mismatch")
    Event.objects.filter(seq=3).update(payload={"n": 2})  # hash now "fff…" and content original
    result = verify_chain()
    assert (result.broken_seq, result.reason) == (3, "hash_mismatch")


def test_deleted_row_is_found():
    record(5)
    disable_append_only_triggers()
    Event.objects.filter(seq=3).delete()
    _assert_broken(3, "seq_gap")


def test_reordered_rows_are_found():
    record(5)
    disable_append_only_triggers()
    Event.objects.filter(seq=3).update(seq=-3)
    Event.objects.filter(seq=4).update(seq=3)
    Event.objects.filter(seq=-3).update(seq=4)
    _assert_broken(3, "prev_hash_mismatch")


def test_truncated_tail_is_caught_by_the_signed_head():
    record(5)
    log_head_sign()
    assert verify_chain().ok
    disable_append_only_triggers()
    Event.objects.filter(seq=5).delete()
    _assert_broken(5, "head_mismatch")


def test_forged_head_signature_is_found():
    record(2)
    head = log_head_sign()
    assert head is not None
    disable_append_only_triggers("audit_loghead")
    LogHead.objects.filter(pk=head.pk).update(signature=head.signature[:-4] + "AAA=")
    _assert_broken(2, "bad_signature")
