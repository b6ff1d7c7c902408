"""Do the public assembly pages grow with the record? Generate assemblies in bulk, then time the public
register, the calendar feed and the per-akimat dashboard, each beside its bare query, in one run.

    .venv/bin/python bench/assemblies_scale.py --db sqlite --n 1000
    .venv/bin/python bench/assemblies_scale.py --db sqlite --n 100000
    .venv/bin/python bench/assemblies_scale.py --db postgres --n 100000
    .venv/bin/python bench/assemblies_scale.py --summary        # p95 growth, largest vs smallest run

Each (db, n) has its own bench database (SQLite: var/bench/assemblies_<n>.sqlite3; PostgreSQL:
database tyndau_bench_assemblies_<n> on --pg-server), never the test database. Generation is
resumable (bulk_create in batches). The arrival rate is the same at every size: 1,000 requests span
a month, 100,000 span about eight years (30 a day across the country), so a 12-month dashboard counts
about 11,000 requests at 100,000 and all 1,000 at 1,000.

Pages (Django's test client, full middleware and templates), each beside the selector's own SQL on a
raw cursor:
  register   /ru/assemblies/register/ — the newest 25 (keyset by id)
  calendar   /ru/assemblies/calendar.ics?akimat=<busy akimat> — upcoming events, soonest first
  dashboard  /ru/transparency/assemblies/ — the last 12 months per akimat, as served (cached
             5 minutes); `dashboard_cold` clears the cache before each request: the grouped queries
             themselves, which grow with the requests in the period, not with the whole record.
Goal (issue 12): p95 at 100,000 within 1.5x of p95 at 1,000. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from typing import Any

from _scale import BENCH_DIR, bench_people, configure, percentile, timed

GOAL = 1.5  # p95 at the largest n / p95 at the smallest
PER_DAY = 30
HOT_SHARE = 0.3  # the busiest akimat (Almaty) gets 30 % of the requests


def generate(n: int, batch: int = 5000) -> dict[str, Any]:
    import datetime as dt

    from django.db import connection
    from django.utils import timezone

    from tyndau.assemblies.models import Assembly, Decision, Procedure, Status
    from tyndau.authorities.models import LegalGround, PublicBody
    from tyndau.core.calendar import KZ_TZ, local_today

    rng = random.Random(20261206)
    akimats = list(PublicBody.objects.filter(kind=PublicBody.Kind.AKIMAT, is_active=True).order_by("pk"))
    hot = next((b for b in akimats if b.slug == "almaty-akimat"), akimats[0])
    grounds = list(LegalGround.objects.filter(domain=LegalGround.Domain.ASSEMBLIES))
    official, users = bench_people("bench-assemblies.kz", "o", "official")
    have = Assembly.objects.count()
    today = local_today()
    span = max(30, n // PER_DAY)  # days back from 15 days ahead: 30 a day at every size
    forms = [
        ("meeting", Procedure.NOTIFICATION),
        ("rally", Procedure.NOTIFICATION),
        ("picket", Procedure.NOTIFICATION),
        ("march", Procedure.APPLICATION),
        ("demonstration", Procedure.APPLICATION),
    ]
    while have < n:
        rows, decisions = [], []
        for i in range(have, min(have + batch, n)):
            registered = today + dt.timedelta(days=15 - rng.randrange(span))
            start = dt.datetime.combine(registered + dt.timedelta(days=12), dt.time(11), tzinfo=KZ_TZ)
            form, procedure = rng.choice(forms)
            future = registered + dt.timedelta(days=4) > today
            status = (
                Status.SUBMITTED
                if future
                else rng.choices(
                    [
                        Status.HELD,
                        Status.ACCEPTED_WITH_CONDITIONS,
                        Status.REFUSED,
                        Status.HELD_AS_NOTIFIED,
                        Status.WITHDRAWN,
                    ],
                    [50, 15, 15, 10, 10],
                )[0]
            )
            submitted = dt.datetime.combine(registered, dt.time(10), tzinfo=KZ_TZ)
            decided = (
                submitted + dt.timedelta(days=rng.randrange(1, 5))
                if status in (Status.HELD, Status.ACCEPTED_WITH_CONDITIONS, Status.REFUSED)
                else None
            )
            rows.append(
                Assembly(
                    number=f"PA-B{i:09d}",
                    idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
                    form=form,
                    procedure=procedure,
                    status=status,
                    organiser=users[i % len(users)],
                    akimat=hot if rng.random() < HOT_SHARE else rng.choice(akimats),
                    purpose="Таза ауа үшін / За чистый воздух",
                    place_description="Орталық алаң",
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=2),
                    expected_participants=rng.randrange(10, 2000),
                    steward_name="Bench Steward",
                    steward_phone="+77010000000",
                    submitted_at=submitted,
                    registered_on=registered,
                    reply_due=registered + dt.timedelta(days=5),
                    decided_at=decided,
                    deemed_silent_at=submitted + dt.timedelta(days=5) if status == Status.HELD_AS_NOTIFIED else None,
                )
            )
        Assembly.objects.bulk_create(rows, batch_size=batch)
        made = {a.number: a for a in Assembly.objects.filter(number__in=[r.number for r in rows])}
        kinds = {
            Status.HELD: Decision.Kind.ACCEPT,
            Status.ACCEPTED_WITH_CONDITIONS: Decision.Kind.ACCEPT_WITH_CONDITIONS,
            Status.REFUSED: Decision.Kind.REFUSE,
        }
        for r in rows:
            if r.status in kinds:
                decisions.append(
                    Decision(
                        assembly=made[r.number],
                        kind=kinds[r.status],
                        decided_by=official,
                        body_id=made[r.number].akimat_id,
                        created_at=r.decided_at or timezone.now(),
                    )
                )
        Decision.objects.bulk_create(decisions, batch_size=batch)
        through = Decision.legal_grounds.through
        through.objects.bulk_create(
            [
                through(decision_id=d.pk, legalground_id=rng.choice(grounds).pk)
                for d in decisions
                if d.kind == Decision.Kind.REFUSE and d.pk and grounds
            ],
            batch_size=batch,
        )
        have += len(rows)
        sys.stderr.write(f"\r{have:>9}/{n}")
    sys.stderr.write("\n")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"hot": hot}


def raw(qs: Any) -> Any:
    from django.db import connection

    sql, params = qs.query.sql_with_params()

    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def measure(ctx: dict[str, Any], runs: int) -> dict[str, Any]:
    from django.core.cache import cache
    from django.db.models import Count
    from django.test import Client

    from tyndau.assemblies import selectors
    from tyndau.assemblies.models import Assembly
    from tyndau.transparency.selectors import default_period

    client = Client()
    period = default_period()
    hot = ctx["hot"].pk

    def page(url: str, *, cold: bool = False) -> Any:
        def run() -> None:
            if cold:
                cache.clear()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return run

    register_qs = Assembly.objects.select_related("akimat").order_by("-pk")[: selectors.PAGE_SIZE]
    calendar_qs = Assembly.objects.filter(
        akimat_id=hot, status__in=selectors.CALENDAR_STATUSES, starts_at__gte=_now()
    ).order_by("starts_at", "pk")[: selectors.CALENDAR_LIMIT]
    dashboard_qs = (
        Assembly.objects.filter(registered_on__gte=period.date_from, registered_on__lte=period.date_to)
        .values("akimat_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    cases = {
        "register": (page("/ru/assemblies/register/"), raw(register_qs)),
        "calendar": (page(f"/ru/assemblies/calendar.ics?akimat={hot}"), raw(calendar_qs)),
        "dashboard": (page("/ru/transparency/assemblies/"), raw(dashboard_qs)),
        "dashboard_cold": (page("/ru/transparency/assemblies/", cold=True), raw(dashboard_qs)),
    }
    out: dict[str, Any] = {}
    for name, (page_fn, sql_fn) in cases.items():
        samples = timed({"page": page_fn, "sql": sql_fn}, runs)
        row = {}
        for series, values in samples.items():
            row[f"{series}_p50_ms"] = round(statistics.median(values), 3)
            row[f"{series}_p95_ms"] = round(percentile(values, 95), 3)
        out[name] = row
    out["in_period"] = Assembly.objects.filter(
        registered_on__gte=period.date_from, registered_on__lte=period.date_to
    ).count()
    return out


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()


def summary() -> dict[str, Any]:
    result: dict[str, Any] = {}
    for db in ("sqlite", "postgres"):
        runs = sorted(
            (json.loads(p.read_text()) for p in BENCH_DIR.glob(f"assemblies_result_{db}_*.json")), key=lambda r: r["n"]
        )
        if len(runs) < 2:
            continue
        small, large = runs[0], runs[-1]
        result[db] = {"n_small": small["n"], "n_large": large["n"]}
        for name in ("register", "calendar", "dashboard", "dashboard_cold"):
            for series in ("page", "sql"):
                ratio = large["pages"][name][f"{series}_p95_ms"] / max(small["pages"][name][f"{series}_p95_ms"], 1e-3)
                result[db][f"{name}_{series}_p95_growth"] = round(ratio, 2)
        result[db]["within_goal"] = all(
            result[db][f"{name}_page_p95_growth"] <= GOAL for name in ("register", "calendar", "dashboard")
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--pg-server", default=os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--summary", action="store_true")
    args = parser.parse_args()
    if args.summary:
        print(json.dumps(summary(), ensure_ascii=False))
        return
    configure("assemblies", args.db, size=args.n, pg_server=args.pg_server)
    started = time.monotonic()
    ctx = generate(args.n)
    generated_s = round(time.monotonic() - started, 1)
    pages = measure(ctx, args.runs)
    for name, row in pages.items():
        if isinstance(row, dict):
            print(
                f"{name:15} page p50 {row['page_p50_ms']:8.2f} ms  p95 {row['page_p95_ms']:8.2f} ms | "
                f"SQL p50 {row['sql_p50_ms']:7.3f} ms  p95 {row['sql_p95_ms']:7.3f} ms"
            )
    result = {
        "bench": "assemblies_scale",
        "db": args.db,
        "n": args.n,
        "runs": args.runs,
        "generate_s": generated_s,
        "pages": pages,
    }
    (BENCH_DIR / f"assemblies_result_{args.db}_{args.n}.json").write_text(json.dumps(result))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
