"""Do the appeal pages grow with the data? Generate appeals in bulk, then time three pages against
the bare indexed SQL query that fetches the same rows.

    .venv/bin/python bench/appeals_scale.py --db sqlite --n 10000
    .venv/bin/python bench/appeals_scale.py --db postgres --n 1000000
    .venv/bin/python bench/appeals_scale.py --summary        # ratios 1M vs 10K from the saved runs

Each (db, n) has its own bench database (SQLite: var/bench/appeals_<n>.sqlite3; PostgreSQL:
database tyndau_bench_appeals_<n> on --pg-server), never the test database. Generation is
resumable and uses bulk_create in batches; a progress bar goes to stderr.

Pages (through Django's test client, full middleware and templates):
  register  the public register searched for a word (newest first, keyset page of 25)
  queue     an official's work queue (deadline, then need) with its counters
  appeal    a citizen's own appeal page with its timeline (six audit events)
Each beside its bare SQL (the selector's own query executed on a raw cursor) and beside a bare
Django view that runs that same query for the same client through the same middleware, session and
language prefix and answers with a few bytes: what the page would cost if its templates, forms and
other queries cost nothing. The goal (issue 10.28) is page p95 <= 3 x bare view p95; each page's
ratio is printed. The last line printed is one JSON object.
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

from _scale import BENCH_DIR, configure, percentile

WORDS = [
    "свет",
    "фонарь",
    "дорога",
    "яма",
    "автобус",
    "вода",
    "отопление",
    "школа",
    "детсад",
    "поликлиника",
    "мусор",
    "двор",
    "парк",
    "тротуар",
    "остановка",
    "лифт",
    "крыша",
    "подъезд",
    "снег",
    "газ",
    "электричество",
    "шум",
    "собака",
    "дерево",
    "сквер",
    "площадка",
    "жарық",
    "жол",
    "су",
    "мектеп",
    "аула",
    "саябақ",
    "көше",
    "қоқыс",
    "балабақша",
    "емхана",
]
SEARCH_WORD = "пандус"  # about one appeal in 40 mentions it, at every size
GOAL = 3.0  # page p95 / bare view p95
HOT_BODY_SHARE = 0.3  # a busy akimat gets 30% of the appeals (its queue always has > 25 open rows)


def progress(done: int, total: int, started: float) -> None:
    width = 40
    filled = int(width * done / max(total, 1))
    rate = done / max(time.monotonic() - started, 1e-9)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:>9}/{total} {rate:,.0f}/s ")
    sys.stderr.flush()


def generate(n: int, batch: int = 5000) -> dict[str, Any]:
    """Bring the bench database to `n` appeals. Returns the actors and objects the pages need."""
    import datetime as dt

    from django.db import connection
    from django.utils import timezone

    from tyndau.accounts.models import Membership, Role, RoleGrant, User
    from tyndau.appeals.models import Appeal, Status
    from tyndau.authorities.models import Category, PublicBody
    from tyndau.core.calendar import local_today, working_days_after

    rng = random.Random(20260101)
    bodies = list(PublicBody.objects.filter(is_active=True, region__isnull=False).select_related("region"))
    hot = next(b for b in bodies if b.slug == "almaty-akimat")
    categories = list(Category.objects.all())
    users = list(User.objects.filter(email__endswith="@bench.tyndau.kz").order_by("pk"))
    if not users:
        User.objects.bulk_create(
            [User(email=f"c{i}@bench.tyndau.kz", password="!", first_name="Bench") for i in range(2000)]  # noqa: S106
        )
        users = list(User.objects.filter(email__endswith="@bench.tyndau.kz").order_by("pk"))
        RoleGrant.objects.bulk_create([RoleGrant(user=u, role=Role.CITIZEN) for u in users])
    official, created = User.objects.get_or_create(email="official@bench.tyndau.kz", defaults={"password": "!"})
    if created:
        RoleGrant.objects.create(user=official, role=Role.OFFICIAL)
        Membership.objects.create(user=official, body=hot, position="Bench")
    have = Appeal.objects.count()
    today = local_today()
    # Calendar lookups are memoised per day: the calendar is exact, only cached here.
    deadline_of: dict[dt.date, dt.date] = {}
    span_days = max(30, int(3 * 365 * n / 1_000_000))  # the same arrival rate at every size
    started = time.monotonic()
    while have < n:
        rows = []
        for i in range(have, min(have + batch, n)):
            received = timezone.now() - dt.timedelta(days=rng.random() * span_days, minutes=rng.randrange(600))
            registered = received.date()
            if registered not in deadline_of:
                deadline_of[registered] = working_days_after(registered, 15)
            deadline = deadline_of[registered]
            if deadline >= today:
                status = rng.choice([Status.REGISTERED, Status.IN_PROGRESS, Status.INFO_REQUESTED, Status.FORWARDED])
            else:
                status = rng.choices([Status.CLOSED, Status.ANSWERED, Status.DEEMED_REFUSED], [70, 25, 5])[0]
            body = hot if rng.random() < HOT_BODY_SHARE else rng.choice(bodies)
            words = " ".join(rng.choice(WORDS) for _ in range(25))
            if rng.random() < 0.025:
                words += " " + SEARCH_WORD
            public = rng.random() < 0.4
            rows.append(
                Appeal(
                    number=f"B{i:011d}",
                    idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
                    kind="application",
                    status=status,
                    applicant=users[i % len(users)],
                    region=body.region,
                    category=rng.choice(categories),
                    body=body,
                    subject=words[:80],
                    text=words,
                    publish_consent=public,
                    public_text=words if public else "",
                    needs=[],
                    priority=rng.choice([0, 0, 0, 0, 1, 2, 3]),
                    received_at=received,
                    registered_on=registered,
                    forward_due=registered,
                    original_deadline=deadline,
                    deadline=deadline,
                    language="ru",
                    answered_at=received + dt.timedelta(days=10)
                    if status in (Status.ANSWERED, Status.CLOSED)
                    else None,
                )
            )
        Appeal.objects.bulk_create(rows, batch_size=batch)
        have += len(rows)
        progress(have, n, started)
    sys.stderr.write("\n")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    open_rows = Appeal.objects.filter(body=hot, is_open=True).count()
    citizen_appeal = Appeal.objects.filter(applicant=users[7]).order_by("-id").first()
    give_history(citizen_appeal, official)
    return {
        "hot": hot,
        "official": official,
        "citizen": users[7],
        "citizen_appeal": citizen_appeal,
        "hot_open": open_rows,
    }


def give_history(appeal: Any, official: Any) -> None:
    """The citizen's appeal gets the audit timeline a handled appeal has (filed, assigned, a question
    and its reply, an answer, a rating), so that the appeal page renders a real history. Once."""
    from django.db import transaction

    from tyndau.audit.models import Event
    from tyndau.audit.services import record_event

    if Event.objects.filter(object_type=appeal._meta.label_lower, object_id=str(appeal.pk)).exists():
        return
    steps = [
        (appeal.applicant, "appeals.appeal.filed", {"number": appeal.number, "kind": appeal.kind}),
        (official, "appeals.appeal.assigned", {"from": "registered", "to": "in_progress"}),
        (official, "appeals.appeal.info_requested", {"from": "in_progress", "to": "info_requested"}),
        (appeal.applicant, "appeals.appeal.info_provided", {"from": "info_requested", "to": "in_progress"}),
        (official, "appeals.appeal.answered", {"from": "in_progress", "to": "answered"}),
        (appeal.applicant, "appeals.appeal.rated", {"rating": 4}),
    ]
    with transaction.atomic():
        for actor, action, payload in steps:
            record_event(actor=actor, action=action, obj=appeal, payload=payload)


def timed(fns: dict[str, Any], runs: int) -> dict[str, list[float]]:
    """The series measured alternately (page, bare view, bare SQL, page, ...), with the garbage
    collector paused, so that a noisy neighbour on a shared machine hits every series alike.
    Each also in this thread's CPU time (`<name>_cpu`): on a loaded machine wall-clock p95 is mostly
    waiting for a core; CPU time is what the page itself costs (the database server's share of a
    PostgreSQL query is not in it, for the page and the bare view alike)."""
    import gc

    for _ in range(5):
        for fn in fns.values():
            fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    samples.update({f"{name}_cpu": [] for name in fns})
    gc.disable()
    try:
        for _ in range(runs):
            for name, fn in fns.items():
                start, start_cpu = time.perf_counter(), time.thread_time()
                fn()
                samples[f"{name}_cpu"].append((time.thread_time() - start_cpu) * 1000)
                samples[name].append((time.perf_counter() - start) * 1000)
            gc.collect(0)
    finally:
        gc.enable()
    return samples


def raw(qs: Any, *, serial: bool = False) -> Any:
    """The queryset's own SQL on a raw cursor (`serial`: as the register selector runs it on PostgreSQL)."""
    from django.db import connection, transaction

    sql, params = qs.query.sql_with_params()

    def run() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if serial and connection.vendor == "postgresql":
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


BARE_SQL: dict[str, Any] = {}


def bare_view(request: Any, name: str) -> Any:
    """The bare Django view: the page's own query for the same person, and a few bytes of answer."""
    from django.http import HttpResponse

    request.user.is_authenticated  # noqa: B018 - the session and user lookup every signed-in page pays
    BARE_SQL[name]()
    return HttpResponse(b"ok")


def install_bare_views() -> None:
    """Serve `bare_view` at /<lang>/bench-bare/<page>/ beside the portal's own URLs (this module is
    the URLconf for the run), so it passes through the same middleware as the pages."""
    from django.conf import settings
    from django.conf.urls.i18n import i18n_patterns
    from django.urls import clear_url_caches, path

    import config.urls
    from tyndau.core.access import public

    module = sys.modules[__name__]
    module.urlpatterns = [  # type: ignore[attr-defined]
        *config.urls.urlpatterns,
        *i18n_patterns(path("bench-bare/<str:name>/", public(bare_view)), prefix_default_language=True),
    ]
    settings.ROOT_URLCONF = __name__
    clear_url_caches()


def measure(ctx: dict[str, Any], runs: int) -> dict[str, Any]:
    from django.test import Client

    from tyndau.appeals import selectors
    from tyndau.appeals.models import Appeal

    public_client, official_client, citizen_client = Client(), Client(), Client()
    official_client.force_login(ctx["official"])
    citizen_client.force_login(ctx["citizen"])
    number = ctx["citizen_appeal"].number

    def page(client: Client, url: str) -> Any:
        def run() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return run

    register_qs = (
        Appeal.objects.filter(publish_consent=True, public_text__icontains=SEARCH_WORD)
        .select_related("body", "region", "category")
        .only(*selectors.PUBLIC_FIELDS)
        .order_by("-id")[:25]
    )
    queue_qs = Appeal.objects.filter(body=ctx["hot"], is_open=True).select_related("category", "assignee")
    if hasattr(selectors, "QUEUE_FIELDS"):  # the selector reads only what a row shows (since issue 10.28)
        queue_qs = queue_qs.only(*selectors.QUEUE_FIELDS)
    queue_qs = queue_qs.order_by("deadline", "-priority", "id")[:25]
    appeal_qs = Appeal.objects.filter(number=number).select_related("body", "region", "category", "applicant")
    cases = {
        "register": (public_client, f"/ru/appeals/register/?q={SEARCH_WORD}", raw(register_qs, serial=True)),
        "queue": (official_client, f"/ru/appeals/queue/{ctx['hot'].pk}/", raw(queue_qs)),
        "appeal": (citizen_client, f"/ru/appeals/a/{number}/", raw(appeal_qs)),
    }
    install_bare_views()
    out: dict[str, Any] = {}
    for name, (client, url, sql_fn) in cases.items():
        BARE_SQL[name] = sql_fn
        samples = timed(
            {"page": page(client, url), "bare_view": page(client, f"/ru/bench-bare/{name}/"), "sql": sql_fn}, runs
        )
        row: dict[str, Any] = {}
        for series, values in samples.items():
            row[f"{series}_p50_ms"] = round(statistics.median(values), 3)
            row[f"{series}_p95_ms"] = round(percentile(values, 95), 3)
        row["page_over_sql_p95"] = round(row["page_p95_ms"] / max(row["sql_p95_ms"], 1e-3), 1)
        row["page_over_bare_view_p95"] = round(row["page_p95_ms"] / max(row["bare_view_p95_ms"], 1e-3), 2)
        row["page_over_bare_view_cpu_p95"] = round(row["page_cpu_p95_ms"] / max(row["bare_view_cpu_p95_ms"], 1e-3), 2)
        out[name] = row
    return out


def summary() -> dict[str, Any]:
    """p95(largest run) / p95(smallest run) per database and page, from the saved results."""
    result: dict[str, Any] = {}
    for db in ("sqlite", "postgres"):
        runs = sorted(
            (json.loads(p.read_text()) for p in BENCH_DIR.glob(f"appeals_result_{db}_*.json")), key=lambda r: r["n"]
        )
        if len(runs) < 2:
            continue
        small, large = runs[0], runs[-1]
        result[db] = {"n_small": small["n"], "n_large": large["n"]}
        for page in ("register", "queue", "appeal"):
            ratio = large["pages"][page]["page_p95_ms"] / small["pages"][page]["page_p95_ms"]
            result[db][f"{page}_p95_growth"] = round(ratio, 2)
            print(
                f"{db:9} {page:9} p95 {small['pages'][page]['page_p95_ms']:8.2f} ms @ {small['n']:>9} → "
                f"{large['pages'][page]['page_p95_ms']:8.2f} ms @ {large['n']:>9}  ×{ratio:.2f}  "
                f"(page/SQL at {large['n']}: ×{large['pages'][page]['page_over_sql_p95']})"
            )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--pg-server", default=os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--pg-name", default="", help="PostgreSQL database name (default tyndau_bench_appeals_<n>)")
    parser.add_argument("--summary", action="store_true", help="compare the saved runs and exit")
    args = parser.parse_args()
    if args.summary:
        print(json.dumps(summary(), ensure_ascii=False))
        return
    configure("appeals", args.db, size=args.n, pg_server=args.pg_server, pg_name=args.pg_name)
    started = time.monotonic()
    ctx = generate(args.n)
    generated_s = round(time.monotonic() - started, 1)
    pages = measure(ctx, args.runs)
    for name, row in pages.items():
        print(
            f"{name:9} page p50 {row['page_p50_ms']:7.2f} ms  p95 {row['page_p95_ms']:7.2f} ms | "
            f"bare view p50 {row['bare_view_p50_ms']:6.2f} ms  p95 {row['bare_view_p95_ms']:6.2f} ms | "
            f"SQL p95 {row['sql_p95_ms']:6.3f} ms | page/bare view p95 ×{row['page_over_bare_view_p95']}"
            f" (CPU ×{row['page_over_bare_view_cpu_p95']})"
            f"{'' if row['page_over_bare_view_p95'] <= GOAL else '  (over the goal of ×' + str(GOAL) + ')'}"
        )
    result = {
        "bench": "appeals_scale",
        "db": args.db,
        "n": args.n,
        "runs": args.runs,
        "generate_s": generated_s,
        "hot_body_open": ctx["hot_open"],
        "goal_page_over_bare_view_p95": GOAL,
        "within_goal": all(row["page_over_bare_view_p95"] <= GOAL for row in pages.values()),
        "pages": pages,
    }
    (BENCH_DIR / f"appeals_result_{args.db}_{args.n}.json").write_text(json.dumps(result))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
