"""What the Merkle tree costs the audit log: append rate with and without it, proof time by tree size,
and the size of a receipt bundle (issue #14; results in docs/performance.md).

    .venv/bin/python bench/audit_log.py --db sqlite --appends 2000 --sizes 10000,1000000
    .venv/bin/python bench/audit_log.py --db postgres --pg-server postgres://postgres@127.0.0.1:5432

Appends: record_event in its own transaction, as every service does, in alternating blocks with the tree
and with `tree_append` replaced by a no-op (same process, same database, interleaved so that drift
hits both); the ratio is appends/s with the tree over without it (goal ≥ 0.8).
Proofs: for each size, a tree table of that size is filled in bulk with synthetic leaf hashes (the
stored layout, not the events: only the proof query is measured) and inclusion and consistency proofs
for random leaves and sizes are timed through the same one-query read the API uses.
Each run uses its own bench database (SQLite var/bench/audit_log.sqlite3, recreated; PostgreSQL database
tyndau_bench_audit_log), never the test database. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from typing import Any

from _scale import configure


def setup(db: str, pg_server: str) -> None:
    # A fresh database each run; the bench appends actions no app registers.
    configure("audit_log", db, pg_server=pg_server, fresh=True, env={"TYNDAU_AUDIT_STRICT_ACTIONS": "0"})


def bench_appends(total: int, blocks: int = 10) -> dict[str, float]:
    from django.db import transaction

    from tyndau.audit import services

    real_append = services.tree_append
    skipped: list[tuple[int, bytes]] = []
    rates: dict[str, list[float]] = {"with_tree": [], "without_tree": []}
    per_block = max(1, total // (2 * blocks))
    for block in range(2 * blocks):
        with_tree = block % 2 == 0
        if with_tree and skipped:  # untimed: the leaves the last block skipped, so the tree stays whole
            with transaction.atomic():
                for index, leaf in skipped:
                    real_append(index, leaf)
            skipped.clear()
        services.tree_append = real_append if with_tree else (lambda index, leaf: skipped.append((index, leaf)))  # type: ignore[assignment]
        started = time.perf_counter()
        for i in range(per_block):
            with transaction.atomic():
                services.record_event(actor=None, action="bench.audit.appended", payload={"i": i})
        rates["with_tree" if with_tree else "without_tree"].append(per_block / (time.perf_counter() - started))
    with transaction.atomic():
        for index, leaf in skipped:
            real_append(index, leaf)
    services.tree_append = real_append
    with_rate, without_rate = statistics.median(rates["with_tree"]), statistics.median(rates["without_tree"])
    return {
        "appends_per_s_with_tree": round(with_rate),
        "appends_per_s_without_tree": round(without_rate),
        "ratio": round(with_rate / without_rate, 3),
    }


def fill_tree(size: int) -> None:
    """A tree table of `size` synthetic leaves in the stored layout (bulk, outside the triggers' reach: insert only)."""
    from tyndau.audit import tlog
    from tyndau.audit.models import TreeNode

    batch: list[TreeNode] = []
    edge: list[tuple[int, bytes]] = []
    for index in range(size):
        value = tlog.leaf_hash(index.to_bytes(8, "big"))
        batch.append(TreeNode(level=0, position=index, hash=value))
        level, position = 0, index
        while edge and edge[-1][0] == level:
            value = tlog.node_hash(edge.pop()[1], value)
            level, position = level + 1, position >> 1
            batch.append(TreeNode(level=level, position=position, hash=value))
        edge.append((level, value))
        if len(batch) >= 20000:
            TreeNode.objects.bulk_create(batch)
            batch = []
    TreeNode.objects.bulk_create(batch)


def bench_proofs(size: int, samples: int = 300) -> dict[str, Any]:
    from tyndau.audit import tlog, tree

    rng = random.Random(size)
    times: dict[str, list[float]] = {"inclusion": [], "consistency": []}
    for _ in range(samples):
        n = rng.randint(size // 2, size)
        index = rng.randrange(n)
        started = time.perf_counter()
        proof = tlog.resolve(tlog.inclusion_ranges(index, n), tree.read_nodes)
        times["inclusion"].append(time.perf_counter() - started)
        assert len(proof) <= 2 * size.bit_length()
        old = rng.randint(1, n)
        started = time.perf_counter()
        tlog.resolve(tlog.consistency_ranges(old, n), tree.read_nodes)
        times["consistency"].append(time.perf_counter() - started)
    return {f"{kind}_ms_p50": round(statistics.median(values) * 1000, 3) for kind, values in times.items()} | {
        f"{kind}_ms_p95": round(sorted(values)[int(0.95 * len(values))] * 1000, 3) for kind, values in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--appends", type=int, default=2000)
    parser.add_argument("--sizes", default="10000,1000000")
    args = parser.parse_args()
    setup(args.db, args.pg_server)
    result: dict[str, Any] = {"db": args.db, "appends": bench_appends(args.appends)}
    print(json.dumps({"appends": result["appends"]}), file=sys.stderr, flush=True)

    from tyndau.audit.models import Event
    from tyndau.audit.selectors import receipt_bundle, receipt_for
    from tyndau.audit.services import checkpoint_sign

    checkpoint_sign()
    event = Event.objects.order_by("seq")[args.appends // 3]
    bundle = receipt_bundle(code=receipt_for(event))
    result["receipt_bundle_bytes"] = len(bundle.json().encode()) if bundle else None

    # Proofs over synthetic trees: a fresh table per size (the bench database only).
    result["proofs"] = {}
    for size in sorted(int(s) for s in args.sizes.split(",")):
        _empty_tree()
        started = time.perf_counter()
        fill_tree(size)
        filled = time.perf_counter() - started
        result["proofs"][size] = bench_proofs(size) | {"fill_s": round(filled, 1)}
        print(json.dumps({size: result["proofs"][size]}), file=sys.stderr, flush=True)
    print(json.dumps(result))


def _empty_tree() -> None:
    """The bench database's tree table is emptied between sizes (its triggers are dropped first: bench only)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_treenode_no_delete")
            cursor.execute("DELETE FROM audit_treenode")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_treenode_no_truncate ON audit_treenode")
            cursor.execute("TRUNCATE audit_treenode")


if __name__ == "__main__":
    main()
