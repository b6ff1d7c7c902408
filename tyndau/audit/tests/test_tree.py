"""The stored Merkle tree beside the chain, on the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from tyndau.audit import tlog, tree
from tyndau.audit.chain import event_bytes, stored_content
from tyndau.audit.models import Event, TreeNode
from tyndau.audit.tests.helpers import record
from tyndau.audit.tests.test_tlog import _k

pytestmark = pytest.mark.django_db

SIZE = 45


def _reference(leaves: list[bytes]) -> Any:
    """RFC 9162 §2.1 MTH and PATH over the events' own canonical bytes, transcribed, no stored hashes."""

    def mth(lo: int, hi: int) -> bytes:
        if hi - lo == 1:
            return leaves[lo]
        k = _k(hi - lo)
        return tlog.node_hash(mth(lo, lo + k), mth(lo + k, hi))

    def path(m: int, lo: int, hi: int) -> list[bytes]:
        if hi - lo == 1:
            return []
        k = _k(hi - lo)
        return [*path(m, lo, lo + k), mth(lo + k, hi)] if m < k else [*path(m - k, lo + k, hi), mth(lo, lo + k)]

    return mth, path


@pytest.fixture
def events() -> list[Event]:
    return record(SIZE)


def test_each_event_appends_its_leaf_in_the_same_transaction(events):
    leaves = [tlog.leaf_hash(event_bytes(stored_content(e))) for e in Event.objects.order_by("seq")]
    assert tree.leaf_hashes(0, SIZE) == leaves
    # A leaf and every subtree it completes: 2n - popcount(n) rows, about two per event.
    assert TreeNode.objects.count() == 2 * SIZE - bin(SIZE).count("1")


def test_roots_and_inclusion_proofs_for_every_size_and_leaf_match_the_rfc(events):
    leaves = tree.leaf_hashes(0, SIZE)
    mth, path = _reference(leaves)
    for size in range(1, SIZE + 1):
        root = tree.root(size)
        assert root == mth(0, size)
        for index in range(size):
            proof = tree.inclusion_proof(index, size)
            assert proof == path(index, 0, size)
            assert tlog.verify_inclusion(index, size, leaves[index], proof, root)


def test_consistency_proofs_for_every_pair_verify(events):
    roots = [tree.root(size) for size in range(SIZE + 1)]
    for new in range(1, SIZE + 1):
        for old in range(new + 1):
            assert tlog.verify_consistency(old, new, roots[old], roots[new], tree.consistency_proof(old, new))


def test_a_proof_is_one_query_of_log_n_rows(events, django_assert_num_queries):
    with django_assert_num_queries(2):  # the tree size, then the stored hashes
        proof = tree.inclusion_proof(37, SIZE)
    assert len(proof) == len(tlog.inclusion_ranges(37, SIZE)) == 5


def test_sizes_outside_the_tree_are_refused(events):
    for call in (
        lambda: tree.root(SIZE + 1),
        lambda: tree.inclusion_proof(SIZE, SIZE),
        lambda: tree.consistency_proof(5, SIZE + 1),
        lambda: tree.consistency_proof(6, 5),
    ):
        with pytest.raises(tree.TreeError):
            call()


def test_the_tree_is_append_only(events):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        TreeNode.objects.filter(level=0, position=0).update(hash=b"\x00" * 32)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        TreeNode.objects.filter(level=0).delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
@pytest.mark.postgres
def test_the_tree_refuses_truncate_on_postgresql(events):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_treenode")


def test_the_migration_builds_the_same_tree_for_existing_events(events):
    migration = importlib.import_module("tyndau.audit.migrations.0006_tree_append_only_and_backfill")
    built: list[Any] = []

    class FakeNode(SimpleNamespace):
        objects = SimpleNamespace(bulk_create=built.extend)

    apps = SimpleNamespace(get_model=lambda app, name: {"Event": Event, "TreeNode": FakeNode}[name])
    migration.backfill(apps, None)
    stored = {(n.level, n.position): bytes(n.hash) for n in TreeNode.objects.all()}
    assert {(n.level, n.position): n.hash for n in built} == stored
