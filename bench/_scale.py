"""What the scale benches share: a bench database per size (created if missing, migrated), the settings
a bench runs Django with, the series timed alternately, and the percentile they report.

Imported by the scripts beside it (`python bench/<name>.py` puts bench/ on the path)."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"


def configure(
    bench: str,
    db: str,
    *,
    size: Any = "",
    pg_server: str = "",
    pg_name: str = "",
    url: str = "",
    fresh: bool = False,
    env: dict[str, str] | None = None,
) -> str:
    """Point Django at this bench's database and migrate it; returns the database URL.

    SQLite: var/bench/<bench>_<size>.sqlite3. PostgreSQL: `pg_name` (default tyndau_bench_<bench>_<size>)
    on `pg_server`, created if missing — or a full `url`. Development settings (DEBUG on: the dev keys,
    static files from the apps); the debug cursor wraps every series alike. `fresh` starts from an empty
    database; `env` adds settings of this bench."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    suffix = f"_{size}" if size != "" else ""
    if not url and db == "sqlite":
        path = BENCH_DIR / f"{bench}{suffix}.sqlite3"
        if fresh:
            path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    elif not url:
        import psycopg

        name = pg_name or f"tyndau_bench_{bench}{suffix}"
        with psycopg.connect(f"{pg_server.rstrip('/')}/postgres", autocommit=True) as conn:
            if fresh:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        url = f"{pg_server.rstrip('/')}/{name}"
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DEBUG": "1",
            "TYNDAU_TESTING": "1",
            "LOG_LEVEL": "ERROR",
            "TYNDAU_VAR_DIR": str(BENCH_DIR / f"var_{bench}_{db}{suffix}"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **(env or {}),
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def timed(fns: dict[str, Callable[[], Any]], runs: int, warmup: int = 3) -> dict[str, list[float]]:
    """Each series' wall-clock milliseconds, measured alternately (a, b, c, a, b, c, ...) with the
    garbage collector paused, so that a noisy neighbour on a shared machine hits every series alike."""
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    gc.disable()
    try:
        for _ in range(runs):
            for name, fn in fns.items():
                start = time.perf_counter()
                fn()
                samples[name].append((time.perf_counter() - start) * 1000)
            gc.collect(0)
    finally:
        gc.enable()
    return samples


def percentile(samples: list[float], pct: float) -> float:
    """The nearest-rank percentile (pct in 0–100) of the samples."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def bench_people(domain: str, prefix: str, official: str, count: int = 500) -> tuple[Any, list[Any]]:
    """The bench's official (with the official role) and `count` people, all @`domain`, made once."""
    from tyndau.accounts.models import Role, RoleGrant, User

    officer, created = User.objects.get_or_create(email=f"{official}@{domain}", defaults={"password": "!"})
    if created:
        RoleGrant.objects.create(user=officer, role=Role.OFFICIAL)
    people = User.objects.filter(email__endswith=f"@{domain}").exclude(pk=officer.pk)
    if not people.exists():
        User.objects.bulk_create(
            [User(email=f"{prefix}{i}@{domain}", password="!", first_name="Bench") for i in range(count)]  # noqa: S106
        )
    return officer, list(people.all())
