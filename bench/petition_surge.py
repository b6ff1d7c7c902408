#!/usr/bin/env python
"""Petition surge benchmark: can one small server take a national surge without losing a signature?

Runs the portal as in production — gunicorn with several workers, DEBUG off, PostgreSQL,
Redis cache — on loopback and drives it with Debian's `wrk` scripted in Lua
(bench/petition_surge.lua), ramping the load like the UK Parliament's "Revoke Article 50"
count series (../shared/data/petition-241584-count-series.csv, time-compressed). In the same run:

- one_step_per_s   signed-in verified citizens signing in one step (peak stage of the ramp)
- confirmed_per_s  the e-mail path: sign, then open the confirmation link (both phases together)
- bare_view_per_s  the stack's ceiling: a bare Django view inserting one row (bench-only URL)
- db_insert_per_s  PostgreSQL's raw single-row INSERT rate (autocommit, 4 connections)
- page_p95_ms      petition page p95 latency while the surge runs (readers at a set pace: --page-reads a second)
- page_per_s, embed_per_s, badge_per_s, embed_p95_ms, badge_p95_ms, embed_vs_page, badge_vs_page
                   the embeddable counter under the surge (issue 16): three more peak stages, each signing
                   at the peak with one kind of reader unpaced on PAGE_READERS connections — the petition
                   page, its embed page (/petitions/<id>/embed/), its badge.svg; the rate each is served
                   at, its p95, and the embed's and badge's rate over the page's (goal >= 1; skip: --no-embed)
- lost / duplicates / count_exact   after the surge, the exact recount against what was acknowledged

For comparison it also runs one peak stage of one-step signing through the full Django view
(the signing lane of ADR 0009 switched off; skip with --no-view-stage) and prints the ratio.
The periodic counter (`recount_signatures`) runs during the surge as in production.
The last line is one JSON object with exactly those keys.

    .venv/bin/python bench/petition_surge.py            # about 5 minutes
    .venv/bin/python bench/petition_surge.py --stage-seconds 4 --stages 4   # quicker

It creates and drops its own database (tyndau_bench) and uses Redis database 7.

Through HAProxy against several nodes (issue 17): start a cluster with the bench's settings, then point
the bench at it (its database and Redis are the cluster's; no view stage, the nodes are not restarted):

    .venv/bin/python scripts/cluster.py --name bench --fresh --no-seed --settings bench.bench_settings
    .venv/bin/python bench/petition_surge.py --cluster bench --stage-seconds 4 --stages 4
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import hashlib
import itertools
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
GRANIAN = str(ROOT / ".venv" / "bin" / "granian")
LUA = str(ROOT / "bench" / "petition_surge.lua")
PAGE_LUA = str(ROOT / "bench" / "petition_page.lua")
# ../shared beside the checkout; TYNDAU_SHARED_DIR for a worktree elsewhere (e.g. /work/shared).
SERIES = Path(os.environ.get("TYNDAU_SHARED_DIR", ROOT.parent / "shared")) / "data" / "petition-241584-count-series.csv"
CSRF = "benchcsrfsecret0123456789abcdefX"  # 32 characters: Django accepts the unmasked secret
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PAGE_READERS = 4  # connections reading the petition page during the surge, each at a set pace
# What the readers of the embed stages load, after /kk/petitions/<id>/ (issue 16).
READ_TARGETS = {"page": "", "embed": "embed/", "badge": "badge.svg"}


def bench_env(db: str, port: int, redis_db: int = 7) -> dict[str, str]:
    from cryptography.fernet import Fernet

    key_file = Path(tempfile.gettempdir()) / "tyndau-bench-fernet.key"
    if not key_file.exists():
        key_file.write_text(Fernet.generate_key().decode())
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "IIN_HASH_KEY": "bench-only-iin-hash-key-0123456789abcdef",
            "FIELD_ENCRYPTION_KEYS": key_file.read_text().strip(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "AUDIT_SIGNING_KEY": base64.b64encode(hashlib.sha256(b"tyndau bench-only audit key").digest()).decode(),
            "SITE_URL": f"http://127.0.0.1:{port}",
            "TYNDAU_TESTING": "0",
        }
    )
    return env


def ramp_shape(stages: int) -> list[float]:
    """Relative signing rate of the real surge in `stages` equal time bins (peak = 1.0)."""
    rows = []
    with SERIES.open() as f:
        for row in csv.DictReader(f):
            rows.append((dt.datetime.fromisoformat(row["updated_at_utc"]), int(row["signature_count"])))
    rates = []
    for (t0, c0), (t1, c1) in itertools.pairwise(rows):
        seconds = (t1 - t0).total_seconds()
        if seconds > 0 and c1 >= c0:
            rates.append((t0, (c1 - c0) / seconds))
    peak = max(r for _, r in rates)
    busy = [(t, r) for t, r in rates if r >= 0.2 * peak]
    start, end = busy[0][0], busy[-1][0]
    # The surge's first hours: from the first busy sample to the peak and past it.
    peak_time = max(busy, key=lambda x: x[1])[0]
    end = min(end, peak_time + (peak_time - start))
    span = (end - start).total_seconds() / stages
    shape = []
    for i in range(stages):
        lo, hi = start + dt.timedelta(seconds=i * span), start + dt.timedelta(seconds=(i + 1) * span)
        inside = [r for t, r in rates if lo <= t < hi] or [0.0]
        shape.append(sum(inside) / len(inside))
    top = max(shape) or 1.0
    return [max(0.15, s / top) for s in shape]


def wait_http(url: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            # It answers. /healthz says 503 while no task worker or periodic runner beats, which the bench
            # does not start: the web server is up all the same.
            return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def run_wrk(
    base: str,
    args: list[str],
    *,
    connections: int,
    seconds: int,
    threads: int = 2,
    result: dict | None = None,
    script: str = LUA,
) -> dict:
    cmd = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(max(connections, threads)),
        "-d",
        f"{seconds}s",
        "--timeout",
        "10s",
        "-s",
        script,
        base,
        "--",
        *args,
        str(threads),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    data = json.loads(line[len("RESULT ") :])
    data["per_s"] = data["ok"] / data["duration_s"] if data["duration_s"] else 0.0
    if result is not None:
        result.update(data)
    return data


def start_server(env: dict[str, str], args: argparse.Namespace) -> subprocess.Popen:
    """The app server as in production (docs/operations.md): gunicorn sync workers, 4 per CPU (gthread
    with --threads > 1). `--server granian` measures the same app under granian (a Rust HTTP server with
    keep-alive; --threads blocking threads per worker), for comparison: `pip install granian` first."""
    if args.server == "granian":
        if not Path(GRANIAN).exists():
            raise SystemExit("granian is not installed: .venv/bin/pip install granian==2.8.7 (bench comparison only)")
        command = [GRANIAN, "--interface", "wsgi", "config.wsgi:application", "--host", "127.0.0.1"]
        command += ["--port", str(args.port), "--workers", str(args.workers), "--blocking-threads", str(args.threads)]
        command += ["--runtime-mode", "st", "--backlog", "2048", "--log-level", "warning", "--no-access-log"]
        return subprocess.Popen(command, cwd=ROOT, env=env)
    command = [GUNICORN, "config.wsgi", "-w", str(args.workers), "-k", "gthread" if args.threads > 1 else "sync"]
    command += ["--threads", str(args.threads), "-b", f"127.0.0.1:{args.port}", "--keep-alive", "5"]
    command += ["--backlog", "2048", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def warm_up(base: str, page_path: str, args: argparse.Namespace) -> None:
    """Two seconds of page reads on more connections than the server has threads, so every worker
    has connected to the database and rendered once before anything is measured."""
    run_wrk(base, ["page", page_path], connections=2 * args.workers * args.threads, seconds=2)


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def db_insert_rate(dsn: str, seconds: float = 5.0, connections: int = 4) -> float:
    import psycopg

    counts = [0] * connections
    stop = time.time() + seconds

    def worker(i: int) -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            while time.time() < stop:
                conn.execute("INSERT INTO bench_bare (payload) VALUES (%s)", ["db"])
                counts[i] += 1

    started = time.time()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(counts) / (time.time() - started)


# ------------------------------------------------------------------ in-process Django (prepare / verify)
def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(n_citizens: int, n_iins: int, workdir: Path) -> dict:
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.utils import timezone

    from tyndau.accounts.models import CitizenProfile, IdentityVerification, RoleGrant, User
    from tyndau.authorities.models import PublicBody, Region
    from tyndau.core.pii import iin_hash
    from tyndau.petitions import services
    from tyndau.petitions.tests.conftest import make_iin

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, payload text, "
            "created_at timestamptz NOT NULL DEFAULT now())"
        )
    creator = User.objects.create_user("creator@bench.example.kz", None, first_name="Bench", last_name="Creator")
    RoleGrant.objects.create(user=creator, role="citizen")
    moderator = User.objects.create_user("moderator@bench.example.kz", None)
    RoleGrant.objects.create(user=moderator, role="moderator")
    government = PublicBody.objects.get(kind=PublicBody.Kind.GOVERNMENT)
    petitions = {}
    for name in ("one_step", "email"):
        p = services.petition_create_draft(
            actor=creator,
            title=f"Surge petition ({name})",
            request_text="A national surge test petition. " * 3,
            background="",
            addressee=government,
        )
        services.petition_submit(actor=creator, petition=p)
        services.petition_approve(actor=moderator, petition=p)
        petitions[name] = p.pk
    regions = list(Region.objects.values_list("pk", flat=True))

    now = timezone.now()
    password = make_password(None)
    users = User.objects.bulk_create(
        User(
            email=f"c{i}@bench.example.kz",
            password=password,
            first_name="Citizen",
            last_name=f"N{i}",
            email_verified_at=now,
        )
        for i in range(n_citizens)
    )
    hashes = [iin_hash(make_iin(i)) for i in range(n_citizens)]
    CitizenProfile.objects.bulk_create(
        CitizenProfile(user=u, iin_hash=h, region_id=regions[i % len(regions)])
        for i, (u, h) in enumerate(zip(users, hashes, strict=True))
    )
    IdentityVerification.objects.bulk_create(
        IdentityVerification(user=u, method="demo", level=20, iin_hash=h) for u, h in zip(users, hashes, strict=True)
    )
    store = SessionStore()
    expire = now + dt.timedelta(days=1)
    backend = "tyndau.accounts.backends.EmailBackend"
    keys = []
    sessions = []
    for u in users:
        key = store._get_new_session_key()
        keys.append(key)
        data = {"_auth_user_id": str(u.pk), "_auth_user_backend": backend, "_auth_user_hash": u.get_session_auth_hash()}
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
    Session.objects.bulk_create(sessions, batch_size=5000)
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db":
        # A real sign-in through cached_db writes the session to the cache as well as the table.
        from django.contrib.sessions.backends.cached_db import KEY_PREFIX
        from django.core.cache import caches

        session_cache = caches[settings.SESSION_CACHE_ALIAS]
        for start in range(0, len(sessions), 5000):
            session_cache.set_many(
                {KEY_PREFIX + s.session_key: store.decode(s.session_data) for s in sessions[start : start + 5000]},
                86400,
            )
    (workdir / "sessions.txt").write_text("\n".join(keys) + "\n")
    # Signers of the e-mail path: IINs nobody above uses.
    iins = [make_iin(1_000_000 + i) for i in range(n_iins)]
    (workdir / "iins.txt").write_text("\n".join(iins) + "\n")
    return {"petitions": petitions, "region": regions[0]}


def write_tokens(petition_id: int, workdir: Path) -> int:
    from tyndau.petitions.models import Signature
    from tyndau.petitions.services import confirmation_token

    ids = list(Signature.objects.filter(petition_id=petition_id, status="pending").values_list("pk", flat=True))
    (workdir / "tokens.txt").write_text("\n".join(confirmation_token(pk) for pk in ids) + "\n")
    return len(ids)


def verify(petitions: dict[str, int], acknowledged: dict[str, int]) -> dict:
    from django.db.models import Count

    from tyndau.petitions.models import Petition, Signature
    from tyndau.petitions.services import recount_signatures

    recount_signatures(full=True)  # what reconcile_signature_counts does
    out = {"lost": 0, "duplicates": 0, "count_exact": True, "stored_unacknowledged": 0}
    for name, pk in petitions.items():
        confirmed = Signature.objects.filter(petition_id=pk, status="confirmed")
        stored = confirmed.count()
        distinct = confirmed.values("iin_hash").distinct().count()
        out["duplicates"] += (
            Signature.objects.filter(petition_id=pk).values("iin_hash").annotate(n=Count("id")).filter(n__gt=1).count()
        )
        out["lost"] += max(0, acknowledged[name] - stored)
        out["stored_unacknowledged"] += max(0, stored - acknowledged[name])
        petition = Petition.objects.get(pk=pk)
        out["count_exact"] = out["count_exact"] and petition.signature_count == distinct == stored
        out[f"{name}_count"] = petition.signature_count
        out[f"{name}_status"] = petition.status
    return out


def recount_loop(env: dict[str, str], interval: float) -> None:
    django_setup(env)
    from tyndau.petitions.services import recount_signatures

    running = True

    def stop(*_: object) -> None:
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    while running:
        started = time.time()
        recount_signatures()
        time.sleep(max(0.0, interval - (time.time() - started)))


# ------------------------------------------------------------------ main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stages", type=int, default=6, help="ramp stages shaped like the real surge")
    parser.add_argument("--stage-seconds", type=int, default=8)
    parser.add_argument("--peak-connections", type=int, default=32)
    parser.add_argument(
        "--page-reads", type=int, default=100, help="petition page reads a second at most, during the surge"
    )
    parser.add_argument(
        "--workers", type=int, default=4 * (os.cpu_count() or 1), help="gunicorn worker processes (4 per CPU)"
    )
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (1: sync; more: gthread)")
    parser.add_argument(
        "--server", choices=["gunicorn", "granian"], default="gunicorn", help="granian: a comparison, not production"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--db", default="tyndau_bench")
    parser.add_argument(
        "--no-view-stage",
        action="store_true",
        help="skip the extra peak stage that signs through the full Django view (signing lane off)",
    )
    parser.add_argument(
        "--cluster",
        metavar="NAME",
        help="drive a running scripts/cluster.py --name NAME --settings bench.bench_settings through its HAProxy",
    )
    parser.add_argument(
        "--no-embed", action="store_true", help="skip the three peak stages reading the page, embed and badge"
    )
    parser.add_argument("--redis-db", type=int, default=7, help="Redis database number the bench flushes and uses")
    parser.add_argument("--recount-loop", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    env = bench_env(args.db, args.port, args.redis_db)
    if args.recount_loop:
        recount_loop(env, interval=5.0)
        return

    import psycopg
    import redis

    cluster_base = ""
    db_dsn = f"postgresql://postgres@127.0.0.1:5432/{args.db}"
    if args.cluster:
        # The cluster's own database (straight to the primary for set-up and checks) and Redis; its nodes
        # serve, its periodic leader recounts. The view stage needs a restart of the servers: skipped.
        sys.path.insert(0, str(ROOT / "scripts"))
        from cluster import DB_NAME, Cluster

        target = Cluster(name=args.cluster)
        env = {**target.env(), "DJANGO_SETTINGS_MODULE": "bench.bench_settings"}
        env["DATABASE_URL"] = env["DATABASE_DIRECT_URL"]
        cluster_base = target.url
        db_dsn = f"postgresql://postgres@127.0.0.1:{target.ports.primary}/{DB_NAME}"
        args.no_view_stage = True
    else:
        print(f"# creating database {args.db}", flush=True)
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{args.db}"')
        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)

    shape = ramp_shape(args.stages)
    capacity_per_s = 2500
    # Signers for each stage: the peak's share of 2,500/s, and never fewer than 2,000/s would need
    # (a stage that runs out of signers measures the supply, not the server; at 1,000/s the
    # quieter stages of the 1 Dec 2026 runs did).
    chunks = [int(args.stage_seconds * max(2000, capacity_per_s * s)) for s in shape]
    view_chunk = max(chunks)  # the extra peak stage through the full view, with its own signers
    n_reader_stages = 0 if args.no_embed else len(READ_TARGETS)
    n_citizens = sum(chunks) + view_chunk * (1 + n_reader_stages)
    n_iins = args.stage_seconds * 2 * 1500  # the sign stage runs 2 x stage_seconds
    print(f"# ramp shape {[round(s, 2) for s in shape]}; preparing {n_citizens} verified citizens", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="tyndau-bench-"))
    django_setup(env)
    prepared = prepare(n_citizens, n_iins, workdir)
    from django.db import connections

    connections.close_all()
    petitions = prepared["petitions"]
    base = cluster_base or f"http://127.0.0.1:{args.port}"

    server = None if args.cluster else start_server(env, args)
    counter = None
    if not args.cluster:
        counter = subprocess.Popen(
            [
                PY,
                __file__,
                "--recount-loop",
                "--db",
                args.db,
                "--port",
                str(args.port),
                "--redis-db",
                str(args.redis_db),
            ],
            cwd=ROOT,
            env=env,
        )
    results: dict = {}
    view_ok = 0
    try:
        wait_http(base + "/healthz", timeout=120)
        page_path = f"/kk/petitions/{petitions['one_step']}/"
        sign_one = f"/kk/petitions/{petitions['one_step']}/sign/"
        warm_up(base, page_path, args)

        # 1. One-step signing, ramped like the real surge, with the page read alongside.
        offset = 0
        stages = []
        page_p95 = []
        page_pause_ms = max(1, round(PAGE_READERS * 1000 / args.page_reads))
        for i, (share, chunk) in enumerate(zip(shape, chunks, strict=True)):
            conns = max(2, round(args.peak_connections * share))
            page: dict = {}
            reader = threading.Thread(
                target=run_wrk,
                args=(base, ["page", page_path, str(page_pause_ms)]),
                kwargs={
                    "connections": PAGE_READERS,
                    "seconds": args.stage_seconds,
                    "threads": 1,
                    "result": page,
                    "script": PAGE_LUA,
                },
            )
            reader.start()
            r = run_wrk(
                base,
                ["onestep", str(workdir / "sessions.txt"), str(offset), str(chunk), sign_one, CSRF],
                connections=conns,
                seconds=args.stage_seconds,
            )
            reader.join()
            offset += chunk
            stages.append(r)
            page_p95.append(page.get("p95_ms", 0.0))
            print(
                f"# one-step stage {i + 1}: {conns:3d} conns  {r['per_s']:7.0f}/s  ok={r['ok']} other={r['other']} "
                f"p95={r['p95_ms']:.1f} ms  page p95={page.get('p95_ms', 0):.1f} ms "
                f"({page.get('per_s', 0):.0f} reads/s)  "
                f"exhausted={r['exhausted_threads']}",
                flush=True,
            )
        # 1b. The embeddable counter under the surge (issue 16): at the peak, signing with one kind of
        #     reader at a time reading as fast as it is served (no pause), on the same connections.
        reads: dict[str, dict] = {}
        for target in list(READ_TARGETS)[:n_reader_stages]:
            path = f"/kk/petitions/{petitions['one_step']}/{READ_TARGETS[target]}"
            got: dict = {}
            reader = threading.Thread(
                target=run_wrk,
                args=(base, ["page", path, "0"]),
                kwargs={
                    "connections": PAGE_READERS,
                    "seconds": args.stage_seconds,
                    "threads": 1,
                    "result": got,
                    "script": PAGE_LUA,
                },
            )
            reader.start()
            r = run_wrk(
                base,
                ["onestep", str(workdir / "sessions.txt"), str(offset), str(view_chunk), sign_one, CSRF],
                connections=args.peak_connections,
                seconds=args.stage_seconds,
            )
            reader.join()
            offset += view_chunk
            stages.append(r)
            reads[target] = got
            print(
                f"# peak with {target} readers: signing {r['per_s']:7.0f}/s ok={r['ok']} other={r['other']}  "
                f"{target} {got.get('per_s', 0):.0f}/s p95={got.get('p95_ms', 0):.1f} ms other={got.get('other', 0)}",
                flush=True,
            )
        one_step_ok = sum(s["ok"] for s in stages)
        one_step_per_s = max(s["per_s"] for s in stages[: len(shape)])

        # 2. The stack's ceiling at the peak load: a bare view inserting one row.
        bare = run_wrk(
            base, ["bare", "/bench/bare-insert"], connections=args.peak_connections, seconds=args.stage_seconds
        )
        print(f"# bare view: {bare['per_s']:.0f}/s p95={bare['p95_ms']:.1f} ms", flush=True)

        # 3. The e-mail path: sign (INSERT + outbox row + task), then confirm each link.
        sign_path = f"/kk/petitions/{petitions['email']}/sign/"
        # Signing runs twice as long as confirming, so that the confirm stage never runs out of
        # links (a stage that ran out would measure the link supply, not the server).
        signed = run_wrk(
            base,
            ["sign", str(workdir / "iins.txt"), "0", str(n_iins), sign_path, CSRF, str(prepared["region"])],
            connections=args.peak_connections,
            seconds=args.stage_seconds * 2,
        )
        n_tokens = write_tokens(petitions["email"], workdir)
        connections.close_all()
        confirmed = run_wrk(
            base,
            ["confirm", str(workdir / "tokens.txt"), "0", str(n_tokens), "/kk/petitions/confirm/"],
            connections=args.peak_connections,
            seconds=max(2, args.stage_seconds // 2),
        )
        sign_rate, confirm_rate = signed["per_s"], confirmed["per_s"]
        confirmed_per_s = 1 / (1 / sign_rate + 1 / confirm_rate) if sign_rate and confirm_rate else 0.0
        print(
            f"# e-mail path: sign {sign_rate:.0f}/s (ok={signed['ok']} other={signed['other']}), "
            f"confirm {confirm_rate:.0f}/s (ok={confirmed['ok']} of {n_tokens} links"
            f"{'; RAN OUT OF LINKS: a lower bound' if confirmed['exhausted_threads'] else ''}) "
            f"→ {confirmed_per_s:.0f}/s",
            flush=True,
        )

        # 4. PostgreSQL's raw single-row insert rate.
        db_rate = db_insert_rate(db_dsn)
        print(f"# raw db insert: {db_rate:.0f}/s", flush=True)

        # 5. For comparison: one-step signing through the full Django view (signing lane off,
        #    ADR 0009), at the peak load, with signers of its own.
        if not args.no_view_stage and server is not None:
            stop_server(server)
            server = start_server({**env, "TYNDAU_SIGNING_LANE": "0"}, args)
            wait_http(base + "/healthz", timeout=120)
            warm_up(base, page_path, args)
            view_stage = run_wrk(
                base,
                ["onestep", str(workdir / "sessions.txt"), str(offset), str(view_chunk), sign_one, CSRF],
                connections=args.peak_connections,
                seconds=args.stage_seconds,
            )
            view_ok = view_stage["ok"]
            print(
                f"# one-step through the full view (lane off): {view_stage['per_s']:.0f}/s "
                f"p95={view_stage['p95_ms']:.1f} ms other={view_stage['other']} — the lane is "
                f"{one_step_per_s / (view_stage['per_s'] or 1):.2f}x that",
                flush=True,
            )
    finally:
        if counter is not None:
            counter.send_signal(signal.SIGTERM)
            counter.wait(timeout=30)
        if server is not None:
            stop_server(server)

    # 5. After the surge: exact recount against what the clients were told.
    checks = verify(petitions, {"one_step": one_step_ok + view_ok, "email": confirmed["ok"]})
    print(f"# after: {checks}", flush=True)
    results = {
        "one_step_per_s": round(one_step_per_s, 1),
        "confirmed_per_s": round(confirmed_per_s, 1),
        "bare_view_per_s": round(bare["per_s"], 1),
        "db_insert_per_s": round(db_rate, 1),
        "page_p95_ms": round(max(page_p95), 2),
        "lost": checks["lost"],
        "duplicates": checks["duplicates"],
        "count_exact": checks["count_exact"],
    }
    bare_rate = bare["per_s"] or 1.0
    print(
        f"# ratios vs bare view: one-step {one_step_per_s / bare_rate:.2f}x, "
        f"e-mail path (sign+confirm) {confirmed_per_s / bare_rate:.2f}x, "
        f"bare view vs raw db insert {bare_rate / (db_rate or 1):.2f}x; "
        f"goals: one-step >= 1000/s, confirmed >= 400/s, one-step >= 0.6x bare, page p95 < 100 ms"
    )
    if reads:
        page_rate = reads["page"].get("per_s", 0.0) or 1.0
        for target in ("page", "embed", "badge"):
            results[f"{target}_per_s"] = round(reads[target].get("per_s", 0.0), 1)
        for target in ("embed", "badge"):
            results[f"{target}_p95_ms"] = round(reads[target].get("p95_ms", 0.0), 2)
            results[f"{target}_vs_page"] = round(reads[target].get("per_s", 0.0) / page_rate, 2)
        print(
            f"# embed under the surge: page {results['page_per_s']}/s, embed {results['embed_per_s']}/s "
            f"({results['embed_vs_page']}x), badge {results['badge_per_s']}/s ({results['badge_vs_page']}x); "
            f"goal: embed and badge >= 1x the page"
        )
    if not args.cluster:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
    else:
        results["nodes_behind_haproxy"] = target.nodes
    print(json.dumps(results))


if __name__ == "__main__":
    main()
