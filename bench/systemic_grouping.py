"""Does grouping keep up with appeals as they arrive? Issue 15: 10x the national average arrival
rate (4.4 million appeals a year = 0.14/s; 10x = 1.40/s).

    .venv/bin/python bench/systemic_grouping.py                      # SQLite, 20,000 background, 500 timed
    .venv/bin/python bench/systemic_grouping.py --db postgres --pg-url postgres://postgres@127.0.0.1:5432/h_groups

A background of recent appeals fills the window of one region in four categories (two of them
related, so related-category matching is exercised), far more than the 200 candidates grouping
compares per appeal (`systemic_candidates`): past that the cost per appeal no longer grows with the
background. Then `--timed` new appeals (points in a 6 km city box, texts from a small vocabulary, so
that many match) are grouped one by one through `group_appeal` — the service the background task
calls: lock, candidate query, matching, issue update and audit events, each in its own transaction.

Baseline measured in the same run: the bare candidate queries alone (the same SQL on a raw cursor).
Printed: appeals grouped per second, the ratio to 10x the national rate, and the cost of one grouping
against its bare query. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time

from _scale import configure

NATIONAL_PER_YEAR = 4_400_000
TARGET_PER_SECOND = 10 * NATIONAL_PER_YEAR / (365 * 86_400)
VOCABULARY = [
    "яма",
    "асфальт",
    "дорога",
    "ливнёвка",
    "затопление",
    "перекрёсток",
    "фонарь",
    "свет",
    "мусор",
    "контейнер",
    "двор",
    "тротуар",
    "остановка",
    "автобус",
    "маршрут",
    "вода",
    "отопление",
    "подъезд",
    "крыша",
    "лифт",
    "трава",
    "дерево",
]
CATEGORIES = ("roads", "public-transport", "utilities", "landscaping")


def make_appeals(n: int, rng: random.Random, *, prefix: str, spread_days: float) -> list[int]:
    """Bulk-create `n` appeals in Almaty (bypassing filing: only grouping is timed)."""
    import datetime as dt
    import uuid
    from decimal import Decimal

    from django.utils import timezone

    from tyndau.accounts.models import User
    from tyndau.appeals.models import Appeal
    from tyndau.authorities.models import Category, PublicBody

    body = PublicBody.objects.select_related("region").get(slug="almaty-akimat")
    categories = list(Category.objects.filter(slug__in=CATEGORIES))
    users = list(User.objects.filter(email__endswith="@systemic.bench.kz"))
    if not users:
        User.objects.bulk_create(
            [User(email=f"c{i}@systemic.bench.kz", password="!", first_name="Bench") for i in range(3000)]  # noqa: S106
        )
        users = list(User.objects.filter(email__endswith="@systemic.bench.kz"))
    now = timezone.now()
    rows = []
    for i in range(n):
        received = now - dt.timedelta(days=rng.random() * spread_days)
        rows.append(
            Appeal(
                number=f"{prefix}{i:08d}",
                idempotency_key=uuid.uuid4(),
                kind="application",
                applicant=rng.choice(users),
                region=body.region,
                category=rng.choice(categories),
                body=body,
                subject=" ".join(rng.choice(VOCABULARY) for _ in range(3)),
                text=" ".join(rng.choice(VOCABULARY) for _ in range(20)),
                latitude=Decimal(f"{43.20 + rng.random() * 0.054:.6f}"),
                longitude=Decimal(f"{76.85 + rng.random() * 0.074:.6f}"),
                publish_consent=rng.random() < 0.4,
                received_at=received,
                registered_on=received.date(),
                forward_due=received.date(),
                original_deadline=received.date(),
                deadline=received.date(),
            )
        )
    Appeal.objects.bulk_create(rows, batch_size=2000)
    return list(Appeal.objects.filter(number__startswith=prefix).order_by("pk").values_list("pk", flat=True))


def bare_query_ms(appeal_ids: list[int]) -> list[float]:
    """The candidate queries alone (the same SQL statements, captured once per appeal), on a raw cursor."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tyndau.appeals.models import Appeal
    from tyndau.appeals.systemic.matching import Params
    from tyndau.appeals.systemic.services import _candidates

    params = Params.current()
    times = []
    for pk in appeal_ids:
        appeal = Appeal.objects.select_related("category").get(pk=pk)
        with CaptureQueriesContext(connection) as captured:
            _candidates(appeal, params)
        statements = [q["sql"] for q in captured.captured_queries]
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/h_groups")
    parser.add_argument("--background", type=int, default=20_000)
    parser.add_argument("--timed", type=int, default=500)
    args = parser.parse_args()
    configure("systemic", args.db, url=args.pg_url if args.db == "postgres" else "")

    from django.db import reset_queries

    from tyndau.appeals.models import Appeal, SystemicIssue
    from tyndau.appeals.systemic.services import group_appeal

    rng = random.Random(20261206)
    Appeal.objects.filter(number__startswith="SB").update(issue=None)
    SystemicIssue.objects.all().delete()
    Appeal.objects.filter(number__startswith="SB").delete()
    sys.stderr.write(f"background: {args.background} appeals in the window …\n")
    make_appeals(args.background, rng, prefix="SBG", spread_days=55)
    new_ids = make_appeals(args.timed, rng, prefix="SBN", spread_days=0.01)
    bare = bare_query_ms(new_ids[:100])
    per_appeal = []
    started = time.perf_counter()
    for pk in new_ids:
        reset_queries()
        t0 = time.perf_counter()
        group_appeal(appeal=pk)
        per_appeal.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - started
    grouped = Appeal.objects.filter(pk__in=new_ids, issue__isnull=False).count()
    rate = len(new_ids) / elapsed
    p95 = statistics.quantiles(per_appeal, n=20)[18]
    bare_p50 = statistics.median(bare)
    result = {
        "bench": "systemic_grouping",
        "db": args.db,
        "background": args.background,
        "timed": len(new_ids),
        "grouped_into_issues": grouped,
        "issues": SystemicIssue.objects.count(),
        "appeals_per_second": round(rate, 1),
        "target_per_second": round(TARGET_PER_SECOND, 3),
        "ratio_to_10x_national": round(rate / TARGET_PER_SECOND, 1),
        "group_p50_ms": round(statistics.median(per_appeal), 2),
        "group_p95_ms": round(p95, 2),
        "bare_candidate_query_p50_ms": round(bare_p50, 2),
        "group_vs_bare_query": round(statistics.median(per_appeal) / bare_p50, 1),
    }
    print(
        f"grouped {len(new_ids)} appeals in {elapsed:.1f} s: {rate:.1f}/s = "
        f"{result['ratio_to_10x_national']}x the 10x national rate ({TARGET_PER_SECOND:.2f}/s); "
        f"{grouped} joined issues; p50 {result['group_p50_ms']} ms, p95 {result['group_p95_ms']} ms; "
        f"bare candidate query p50 {result['bare_candidate_query_p50_ms']} ms"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
