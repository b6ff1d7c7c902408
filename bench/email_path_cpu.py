#!/usr/bin/env python
"""CPU per request of the petition e-mail signing path, in-process (no HTTP, no wrk).

Calls Django's WSGI handler directly with production settings (`bench.bench_settings`),
PostgreSQL and Redis on loopback, and reports `time.process_time` per request — a number that
other load on the machine disturbs far less than a wrk run. Modes:

    .venv/bin/python bench/email_path_cpu.py --setup          # database tyndau_prof_email, Redis db 8
    .venv/bin/python bench/email_path_cpu.py sign 1000        # anonymous e-mail signatures (302)
    .venv/bin/python bench/email_path_cpu.py confirm 1000     # first clicks on pending links (200)
    .venv/bin/python bench/email_path_cpu.py bare 1000        # the bare-insert baseline (204)
    ... --prof                                                # plus a cProfile listing

`sign` uses IINs nobody has used (NIIN of them are made by --setup, default 20,000); `confirm` uses
the pending signatures the `sign` runs left. TYNDAU_TREE=<path> runs another copy of the code
(e.g. an exported older commit) against the same database, for before/after comparisons.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TREE = Path(os.environ.get("TYNDAU_TREE", Path(__file__).resolve().parent.parent))
sys.path[:0] = [str(TREE / "bench"), str(TREE)]

import petition_surge as ps  # noqa: E402

DB = "tyndau_prof_email"
WORKDIR = Path(os.environ.get("TYNDAU_PROF_DIR", "/tmp/prof_email"))


def setup(env: dict[str, str]) -> None:
    import psycopg
    import redis

    with psycopg.connect(ps.PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB}"')
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    subprocess.run([ps.PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=TREE, env=env, check=True)
    ps.django_setup(env)
    out = ps.prepare(10, int(os.environ.get("NIIN", 20000)), WORKDIR)
    (WORKDIR / "petitions.txt").write_text(f"{out['petitions']['email']} {out['region']}")


def main() -> None:
    env = ps.bench_env(DB, 8765)
    env["REDIS_URL"] = "redis://127.0.0.1:6379/8"
    WORKDIR.mkdir(parents=True, exist_ok=True)
    if "--setup" in sys.argv:
        setup(env)
        return
    ps.django_setup(env)
    from django.core.handlers.wsgi import WSGIHandler

    from tyndau.core.pii import iin_hash
    from tyndau.petitions.models import Signature

    app = WSGIHandler()
    pid, region = (int(x) for x in (WORKDIR / "petitions.txt").read_text().split())
    mode, n = sys.argv[1], int(sys.argv[2])
    if mode == "bare":
        items = [""] * (n + 20)
    elif mode == "confirm":
        ps.write_tokens(pid, WORKDIR)
        items = (WORKDIR / "tokens.txt").read_text().split()
    else:
        used = set(Signature.objects.filter(petition_id=pid).values_list("iin_hash", flat=True))
        items = [i for i in (WORKDIR / "iins.txt").read_text().split() if iin_hash(i) not in used]
    if len(items) < n + 20:
        sys.exit(f"only {len(items)} unused items for {n} + 20 requests: run more sign requests or --setup")

    def environ(item: str) -> dict[str, Any]:
        base: dict[str, Any] = {
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8765", "HTTP_HOST": "127.0.0.1:8765",
            "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "SCRIPT_NAME": "", "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.errors": sys.stderr, "wsgi.multithread": True,
            "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0),
        }  # fmt: skip
        if mode == "confirm":
            path = f"/kk/petitions/confirm/{item}/"
            return {**base, "REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.input": io.BytesIO(b"")}
        if mode == "bare":
            body = b""
            base.update({"PATH_INFO": "/bench/bare-insert"})
        else:
            body = (
                f"first_name=Aigul&last_name=Serikova&iin={item}&email=s{item}%40bench.example.kz"
                f"&region={region}&show_name=on&notify_on_response=on"
            ).encode()
            base.update(
                {
                    "PATH_INFO": f"/kk/petitions/{pid}/sign/",
                    "HTTP_COOKIE": f"csrftoken={ps.CSRF}",
                    "HTTP_X_CSRFTOKEN": ps.CSRF,
                }
            )
        return {
            **base,
            "REQUEST_METHOD": "POST",
            "wsgi.input": io.BytesIO(body),
            "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
        }

    statuses: dict[str, int] = {}

    def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
        statuses[status] = statuses.get(status, 0) + 1

    def run(items: list[str]) -> None:
        for item in items:
            response = app(environ(item), start_response)
            b"".join(response)
            response.close()

    run(items[:20])  # warm-up: imports, template and URL caches, connections
    profile = cProfile.Profile(time.process_time) if "--prof" in sys.argv else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    run(items[20 : 20 + n])
    if profile:
        profile.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(mode, statuses, f"{cpu / n * 1000:.3f} ms cpu/req, {wall / n * 1000:.3f} ms wall/req")
    if profile:
        stats = pstats.Stats(profile).sort_stats("cumulative")
        stats.print_stats(60)
        if os.environ.get("CALLEES"):
            stats.print_callees(os.environ["CALLEES"])


if __name__ == "__main__":
    main()
