#!/usr/bin/env python
"""CPU per request of one-step signing, in-process (no HTTP, no wrk): the signing lane, the full
Django view (lane off) and the bare-insert baseline, in the same run.

Calls the production WSGI handler (`tyndau.petitions.surge.lane.SigningLaneHandler`, or Django's plain
`WSGIHandler` for the full view) directly with WSGI environs, with production settings
(`bench.bench_settings`), PostgreSQL and Redis on loopback, and reports
`time.process_time` per request — a figure other load on the machine disturbs far less than a
wrk run. Each request signs as a different pre-made verified citizen (a fresh session).

    .venv/bin/python bench/onestep_cpu.py            # creates tyndau_prof_onestep, Redis db 6; ~2 minutes
    .venv/bin/python bench/onestep_cpu.py -n 2000    # requests per mode (default 1000)

The last line is one JSON object: lane_ms, full_view_ms, bare_ms (CPU per request) and the ratios.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

import petition_surge as ps  # noqa: E402

DB = "tyndau_prof_onestep"


def environ(path: str, session: str | None) -> dict[str, Any]:
    body = b"show_name=on"
    env: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8765",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8765",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if session:
        env["HTTP_COOKIE"] = f"sessionid={session}; csrftoken={ps.CSRF}"
        env["HTTP_X_CSRFTOKEN"] = ps.CSRF
    return env


def measure(app: Any, path: str, sessions: list[str | None], expect: str, prof: bool = False) -> float:
    statuses: dict[str, int] = {}

    def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
        statuses[status] = statuses.get(status, 0) + 1

    def run(batch: list[str | None]) -> None:
        for session in batch:
            result = app(environ(path, session), start_response)
            b"".join(result)
            result.close()

    run(sessions[:20])  # warm-up
    profile = cProfile.Profile(time.process_time) if prof else None
    if profile:
        profile.enable()
    started = time.process_time()
    run(sessions[20:])
    cpu_ms = (time.process_time() - started) * 1000 / (len(sessions) - 20)
    if profile:
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(40)
    wrong = {k: v for k, v in statuses.items() if not k.startswith(expect)}
    if wrong:
        raise SystemExit(f"unexpected answers {wrong} (expected {expect})")
    return cpu_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=1000, help="requests per mode")
    parser.add_argument(
        "--prof", action="store_true", help="print a cProfile listing of the lane (figures then include it)"
    )
    args = parser.parse_args()
    n = args.n + 20
    env = ps.bench_env(DB, 8765)
    env["REDIS_URL"] = "redis://127.0.0.1:6379/6"

    import psycopg
    import redis

    with psycopg.connect(ps.PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB}"')
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    subprocess.run([ps.PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ps.ROOT, env=env, check=True)
    ps.django_setup(env)
    workdir = Path(tempfile.mkdtemp(prefix="tyndau-onestep-"))
    prepared = ps.prepare(2 * n, 10, workdir)
    sessions: list[str | None] = list(workdir.joinpath("sessions.txt").read_text().split())
    path = f"/kk/petitions/{prepared['petitions']['one_step']}/sign/"

    from django.core.handlers.wsgi import WSGIHandler

    from tyndau.petitions.surge.lane import SigningLaneHandler

    lane_ms = measure(SigningLaneHandler(), path, sessions[:n], "302", prof=args.prof)
    view_ms = measure(WSGIHandler(), path, sessions[n : 2 * n], "302")
    bare_ms = measure(WSGIHandler(), "/bench/bare-insert", [None] * n, "204")

    from django.db import connections

    connections.close_all()
    with psycopg.connect(ps.PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
    print(
        f"# CPU per request over {args.n} requests: lane {lane_ms:.2f} ms, full view {view_ms:.2f} ms, "
        f"bare view {bare_ms:.2f} ms"
    )
    print(
        f"# ratios: lane/bare {lane_ms / bare_ms:.2f}x, full view/bare {view_ms / bare_ms:.2f}x, "
        f"full view/lane {view_ms / lane_ms:.2f}x"
    )
    print(json.dumps({
        "lane_ms": round(lane_ms, 3), "full_view_ms": round(view_ms, 3), "bare_ms": round(bare_ms, 3),
        "lane_over_bare": round(lane_ms / bare_ms, 2), "view_over_lane": round(view_ms / lane_ms, 2),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
