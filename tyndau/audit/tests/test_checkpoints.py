"""Signed C2SP checkpoints of the tree, verified only with the published key (issue #14 b)."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.db import connection

from tyndau.audit import signing, tlog, tree
from tyndau.audit.chain import verify_chain
from tyndau.audit.models import Checkpoint
from tyndau.audit.services import checkpoint_sign
from tyndau.audit.tests.helpers import disable_append_only_triggers, record

pytestmark = pytest.mark.django_db


def _published() -> list[tlog.VerifierKey]:
    return [key.verifier for key in signing.published_keys()]


def test_a_checkpoint_is_a_c2sp_signed_note_of_the_tree(settings, capsys):
    settings.AUDIT_LOG_ORIGIN = "tyndau.example/audit"
    record(5)
    call_command("audit_sign_head")
    assert "audit checkpoint signed: size 5" in capsys.readouterr().out
    checkpoint = Checkpoint.objects.get()
    lines = checkpoint.note.split("\n")
    assert lines[:4] == ["tyndau.example/audit", "5", base64.b64encode(tree.root(5)).decode(), ""]
    assert lines[4].startswith("— tyndau.example/audit ")
    opened = tlog.open_checkpoint(checkpoint.note, _published(), origin="tyndau.example/audit")
    assert (opened.size, opened.root) == (5, tree.root(5))
    # Key id as the signed-note spec computes it, in the signature line.
    key_id = tlog.key_id("tyndau.example/audit", signing.own_verifier_key().public_key)
    assert base64.b64decode(lines[4].split(" ")[2])[:4] == key_id


def test_checkpoints_are_kept_and_not_repeated():
    record(2)
    assert checkpoint_sign() is not None
    assert checkpoint_sign() is None
    record(3)
    assert checkpoint_sign() is not None
    assert list(Checkpoint.objects.values_list("size", flat=True)) == [2, 5]
    result = verify_chain()
    assert result.ok, result.detail


def test_an_empty_log_gets_no_checkpoint():
    assert checkpoint_sign() is None


def test_a_checkpoint_signed_by_an_unpublished_key_fails_verification(settings):
    published = Ed25519PrivateKey.generate()
    settings.AUDIT_PUBLIC_KEYS = [
        str(tlog.VerifierKey.of(signing.log_origin(), tlog.raw_public_key(published.public_key())))
    ]
    settings.AUDIT_SIGNING_KEY = base64.b64encode(Ed25519PrivateKey.generate().private_bytes_raw()).decode()
    record(2)
    checkpoint_sign()
    result = verify_chain()
    assert (result.reason, result.broken_seq) == ("checkpoint_bad_signature", 2)


def test_a_rewritten_checkpoint_is_found():
    record(3)
    checkpoint = checkpoint_sign()
    assert checkpoint is not None
    disable_append_only_triggers("audit_checkpoint")
    Checkpoint.objects.filter(pk=checkpoint.pk).update(root_hash=b"\x01" * 32)
    assert verify_chain().reason == "checkpoint_mismatch"


def test_a_rewritten_leaf_of_the_stored_tree_is_found():
    record(4)
    disable_append_only_triggers("audit_treenode")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_treenode SET hash = %s WHERE level = 0 AND position = 2", [b"\x02" * 32])
    result = verify_chain()
    assert (result.reason, result.broken_seq) == ("tree_mismatch", 3)
