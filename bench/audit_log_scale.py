"""Proofs and tiles of the audit log at scale: a small log against the largest one built in a time budget
(issue #14 "proofs are O(log n) at 10 M entries"; results in docs/performance.md).

    .venv/bin/python bench/audit_log_scale.py --small 10000 --large 10000000 --budget 600
    .venv/bin/python bench/audit_log_scale.py --db postgres --pg-server postgres://postgres@127.0.0.1:5432

One bench database (SQLite var/bench/audit_log_scale.sqlite3 or PostgreSQL tyndau_bench_audit_scale,
recreated; never the test database). The log is
filled in bulk with real rows — events whose canonical bytes are exactly what `record_event` writes
(checked on a sample), their chain hashes, and the RFC 9162 tree nodes in the stored layout — first to
`--small` entries, measured, then on towards `--large` until `--budget` seconds of filling have passed
(the size reached is reported), and measured again. The event table's action and object indexes (on
PostgreSQL also the actor and the LIKE-pattern indexes) are dropped for the fill: nothing measured reads
them. Its unique `seq` and `hash` indexes and the tree's primary key are kept. SQLite runs with
journal_mode OFF and synchronous OFF, PostgreSQL with synchronous_commit off and COPY for the fill
(bench database only).

Measured at each size, as the portal answers them: inclusion and consistency proofs (`tyndau.audit.tree`,
one query each), and over HTTP through the whole Django stack (`django.test.Client`, the API routes): a
full level-0 hash tile, a level-1 tile, and a full entry bundle, at random positions. Ratios are large
over small in the same run (goal: proofs the same within 1.5x). The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DB = ROOT / "var" / "bench" / "audit_log_scale.sqlite3"
CHUNK = 25_600  # entries per fill transaction (a multiple of 256)
OCCURRED_AT = "2026-12-06T10:00:00+00:00"
PG_DB = "tyndau_bench_audit_scale"
EVENT_COLUMNS = "seq, occurred_at, actor_label, action, object_type, object_id, payload, prev_hash, hash"


def setup(db: str, pg_server: str) -> None:
    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    if db == "sqlite":
        BENCH_DB.unlink(missing_ok=True)
        url = f"sqlite:///{BENCH_DB}"
    else:
        import psycopg

        with psycopg.connect(f"{pg_server.rstrip('/')}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}"')
            conn.execute(f'CREATE DATABASE "{PG_DB}"')
        url = f"{pg_server.rstrip('/')}/{PG_DB}"
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DEBUG": "1",
            "TYNDAU_TESTING": "1",
            "LOG_LEVEL": "ERROR",
            "TYNDAU_VAR_DIR": str(BENCH_DB.parent / "var_audit_scale"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        if db == "sqlite":
            for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -262144"):
                cursor.execute(f"PRAGMA {pragma}")
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_event'")
            droppable = [name for (name,) in cursor.fetchall() if not name.startswith("sqlite_autoindex")]
        else:
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'audit_event'")
            droppable = [name for (name,) in cursor.fetchall() if not name.endswith(("_key", "_pkey"))]
        for name in droppable:  # the action, object (and on PostgreSQL actor) indexes; never seq's or hash's
            if "seq" not in name or "object" in name:
                cursor.execute(f'DROP INDEX "{name}"')
        print(json.dumps({"event_indexes_dropped": droppable}), file=sys.stderr)


def event_bytes(seq: int) -> bytes:
    """The canonical bytes record_event writes for a bench event (sorted keys, no spaces)."""
    return (
        f'{{"action":"bench.audit.appended","actor_id":null,"actor_label":"system","object_id":"{seq % 997}",'
        f'"object_type":"bench.thing","occurred_at":"{OCCURRED_AT}","payload":{{"i":{seq}}},"seq":{seq}}}'
    ).encode()


class Filler:
    """Appends bench events and their tree nodes in bulk, keeping the chain head and the tree's right edge."""

    def __init__(self) -> None:
        self.size = 0
        self.prev_hash = "0" * 64
        self.edge: list[tuple[int, bytes]] = []

    def fill_to(self, target: int, deadline: float) -> None:
        from django.db import connection, transaction

        while self.size < target and time.perf_counter() < deadline:
            stop = min(target, self.size + CHUNK)
            events, nodes = [], []
            for seq in range(self.size + 1, stop + 1):
                data = event_bytes(seq)
                chain = hashlib.sha256(self.prev_hash.encode() + data).hexdigest()
                row = ("system", "bench.audit.appended", "bench.thing", str(seq % 997), f'{{"i": {seq}}}')
                events.append((seq, OCCURRED_AT, *row, self.prev_hash, chain))
                self.prev_hash = chain
                value = hashlib.sha256(b"\x00" + data).digest()
                level, position = 0, seq - 1
                nodes.append((0, position, value))
                while self.edge and self.edge[-1][0] == level:
                    value = hashlib.sha256(b"\x01" + self.edge.pop()[1] + value).digest()
                    level, position = level + 1, position >> 1
                    nodes.append((level, position, value))
                self.edge.append((level, value))
            with transaction.atomic(), connection.cursor() as cursor:
                if connection.vendor == "postgresql":  # COPY: the bulk path PostgreSQL offers
                    with cursor.cursor.copy(f"COPY audit_event ({EVENT_COLUMNS}) FROM STDIN") as copy:
                        for event_row in events:
                            copy.write_row(event_row)
                    with cursor.cursor.copy("COPY audit_treenode (level, position, hash) FROM STDIN") as copy:
                        for node in nodes:
                            copy.write_row(node)
                else:
                    placeholders = ", ".join(["%s"] * 9)
                    insert = f"INSERT INTO audit_event ({EVENT_COLUMNS}) VALUES ({placeholders})"  # noqa: S608 - constants
                    cursor.executemany(insert, events)
                    cursor.executemany("INSERT INTO audit_treenode (level, position, hash) VALUES (%s, %s, %s)", nodes)
            self.size = stop


def check_sample() -> None:
    """The bench rows are real: the stored events hash to the stored leaves, and the chain recomputes."""
    from tyndau.audit import chain, tlog, tree
    from tyndau.audit.models import Event

    for event in Event.objects.filter(seq__in=[1, 2, 257]):
        data = chain.event_bytes(chain.stored_content(event))
        assert data == event_bytes(event.seq), (data, event_bytes(event.seq))
        assert chain.compute_hash(event.prev_hash, chain.stored_content(event)) == event.hash
        assert tree.leaf_hashes(event.seq - 1, event.seq) == [tlog.leaf_hash(data)]


def _p50_ms(run: Callable[[random.Random], object], samples: int, seed: int) -> float:
    rng = random.Random(seed)
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        run(rng)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 3)


def measure(size: int, samples: int) -> dict[str, Any]:
    from django.test import Client

    from tyndau.audit import tlog, tree

    client = Client()
    api = "/api/v1/audit/log"

    def inclusion(rng: random.Random) -> None:
        n = rng.randint(size // 2, size)
        assert tree.inclusion_proof(rng.randrange(n), n)

    def consistency(rng: random.Random) -> None:
        n = rng.randint(size // 2, size)
        tree.consistency_proof(rng.randint(1, n), n)

    def fetch(path: str) -> None:
        response = client.get(f"{api}/{path}")
        assert response.status_code == 200, (path, response.status_code)

    full_tiles = size // 256

    def level1_tile(rng: random.Random) -> str:
        """A random full level-1 tile, or the partial one of a log smaller than 65,536 entries."""
        if full_tiles < 256:
            return tlog.tile_path(1, 0, full_tiles)
        return tlog.tile_path(1, rng.randrange(full_tiles // 256))

    return {
        "size": size,
        "inclusion_ms_p50": _p50_ms(inclusion, samples, 1),
        "consistency_ms_p50": _p50_ms(consistency, samples, 2),
        "hash_tile_ms_p50": _p50_ms(lambda rng: fetch(tlog.tile_path(0, rng.randrange(full_tiles))), samples, 3),
        "level1_tile_ms_p50": _p50_ms(lambda rng: fetch(level1_tile(rng)), samples, 4),
        "entry_bundle_ms_p50": _p50_ms(
            lambda rng: fetch(tlog.entry_bundle_path(rng.randrange(full_tiles))), samples, 5
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=10_000_000)
    parser.add_argument("--budget", type=float, default=600.0, help="seconds of filling for the large log")
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    setup(args.db, args.pg_server)
    filler = Filler()
    started = time.perf_counter()
    filler.fill_to(args.small, float("inf"))
    check_sample()
    small = measure(filler.size, args.samples) | {"fill_s": round(time.perf_counter() - started, 1)}
    print(json.dumps({"small": small}), file=sys.stderr, flush=True)
    started = time.perf_counter()
    filler.fill_to(args.large, started + args.budget)
    filled = time.perf_counter() - started
    print(json.dumps({"filled": filler.size, "fill_s": round(filled, 1)}), file=sys.stderr, flush=True)
    large = measure(filler.size, args.samples) | {"fill_s": round(filled, 1)}
    ratios = {key: round(large[key] / small[key], 2) for key in small if key.endswith("_ms_p50") and small[key]}
    result = {
        "db": args.db,
        "small": small,
        "large": large,
        "large_reached_target": filler.size >= args.large,
        "ratio_large_over_small": ratios,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
