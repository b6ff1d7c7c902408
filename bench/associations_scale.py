"""Does the public registry of associations, or one association's page, grow with the register? Generate
associations in bulk, then time the public registry and one association's record, each beside its bare
query, in one run.

    .venv/bin/python bench/associations_scale.py --db sqlite --n 1000
    .venv/bin/python bench/associations_scale.py --db sqlite --n 100000
    .venv/bin/python bench/associations_scale.py --db postgres --n 100000
    .venv/bin/python bench/associations_scale.py --summary        # p95 growth, largest vs smallest run

Each (db, n) has its own bench database (SQLite: var/bench/associations_<n>.sqlite3; PostgreSQL:
database tyndau_bench_associations_<n> on --pg-server), never the test database. Generation is
resumable (bulk_create in batches, one transaction a batch). Each application has 1-3 submitted charter
versions of 20 bilingual clauses (8 sections, frozen: `submitted_at` and `content_hash` set at INSERT,
as the triggers of migration 0002 allow nothing else), one review per decided round (refusals with
legal grounds and clause citations, corrections with proposals), 70 % registered; 5 % are drafts
(not public). A third of the applications go to the busiest registering body.

Pages (Django's test client, full middleware and templates), each beside the selector's own SQL on a
raw cursor:
  registry           /ru/associations/registry/ — the newest 25 public (keyset by id)
  registry_filtered  /ru/associations/registry/?status=refused&body=<busiest> — the newest 25 refused there
  registry_rare      /ru/associations/registry/?status=suspended&body=<busiest> — a status the bench never
                     generates: the empty page, the worst case for an index that does not lead to the status
  detail             /ru/associations/registry/<number>/ — one registered association with 3 versions and
                     2 refused rounds (the application, its versions, its reviews with citations)
  version            /ru/associations/registry/<number>/v/3/ — its last version with the diff from v2
Goal (issue 13): p95 at 100,000 within 1.5x of p95 at 1,000. The last line printed is one JSON object.
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

# The raw-SQL series is the assemblies bench's (run as a script, bench/ is on sys.path).
from assemblies_scale import raw

GOAL = 1.5  # p95 at the largest n / p95 at the smallest
HOT_SHARE = 0.33  # the busiest registering body gets a third of the applications
PAGES = ("registry", "registry_filtered", "registry_rare", "detail", "version")
WORDS_KK = ["бірлестік", "мүше", "жарғы", "жиналыс", "төраға", "мүлік", "мақсат", "қызмет", "азамат", "құқық"]
WORDS_RU = ["объединение", "член", "устав", "собрание", "председатель", "имущество", "цель", "деятельность"]


def _charter(rng: random.Random, name: str, revision: int) -> dict[str, Any]:
    """20 bilingual clauses over the 8 required sections; a later revision rewords a few clauses."""
    from tyndau.associations import charter, rules

    sections = []
    for s_index, (kind, label) in enumerate(rules.REQUIRED_SECTIONS.items()):
        clauses = []
        for c_index in range(3 if s_index < 4 else 2):
            words_kk = " ".join(rng.choice(WORDS_KK) for _ in range(8))
            words_ru = " ".join(rng.choice(WORDS_RU) for _ in range(8))
            if revision and rng.random() < 0.2:
                words_kk, words_ru = f"{words_kk} (өзгертілді {revision})", f"{words_ru} (изменено {revision})"
            clauses.append({"text_kk": f"{name} {c_index + 1}: {words_kk}.", "text_ru": f"{name}: {words_ru}."})
        sections.append({"kind": kind, "title_kk": str(label), "title_ru": str(label), "clauses": clauses})
    return charter.normalise({"sections": sections})


def generate(n: int, batch: int = 2000) -> dict[str, Any]:
    import datetime as dt

    from django.db import connection, transaction

    from tyndau.associations import charter
    from tyndau.associations.models import (
        Application,
        CharterVersion,
        Citation,
        OrgForm,
        Proposal,
        Review,
        Status,
    )
    from tyndau.associations.selectors import registering_bodies
    from tyndau.authorities.models import LegalGround
    from tyndau.core.calendar import KZ_TZ, local_today

    rng = random.Random(20261206)
    bodies = list(registering_bodies())
    hot = bodies[0]
    grounds = list(LegalGround.objects.filter(domain=LegalGround.Domain.ASSOCIATIONS).order_by("pk"))
    registrar, users = bench_people("bench-associations.kz", "a", "registrar")
    have = Application.objects.count()
    today = local_today()
    span = max(30, n // 30)  # 30 applications a day across the country at every size
    statuses = [
        Status.REGISTERED,
        Status.REFUSED,
        Status.SUBMITTED,
        Status.CORRECTIONS_REQUESTED,
        Status.LIQUIDATED,
        Status.DRAFT,
    ]
    # The shared texts of a charter, revised per round: realistic sizes without 300,000 distinct charters.
    templates = [[_charter(rng, f"T{t}", r) for r in range(3)] for t in range(50)]
    while have < n:
        with transaction.atomic():
            apps, plans = [], []
            for i in range(have, min(have + batch, n)):
                status = rng.choices(statuses, [70, 8, 8, 4, 5, 5])[0]
                versions = 0 if status == Status.DRAFT else rng.choices([1, 2, 3], [60, 30, 10])[0]
                if i == n // 2:  # the association whose page is timed: three versions, two refused rounds
                    status, versions = Status.REGISTERED, 3
                submitted = dt.datetime.combine(today - dt.timedelta(days=rng.randrange(span)), dt.time(10), KZ_TZ)
                apps.append(
                    Application(
                        number=f"OA-B{i:09d}",
                        idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
                        invite_token=f"bench{i:09d}{rng.getrandbits(64):016x}",
                        form=rng.choice(list(OrgForm)),
                        name_kk=f"«Таза қала {i}» қоғамдық бірлестігі",
                        name_ru=f"Общественное объединение «Чистый город {i}»",
                        address="Астана қ., Бейбітшілік к-сі, 1",
                        head_name="Bench Head",
                        applicant=users[i % len(users)],
                        registering_body=hot if rng.random() < HOT_SHARE else rng.choice(bodies),
                        status=status,
                        round=versions,
                        created_at=submitted - dt.timedelta(days=3),
                        submitted_at=submitted if versions else None,
                        review_due=(submitted + dt.timedelta(days=10 * versions)).date() if versions else None,
                        registered_on=(submitted + dt.timedelta(days=10 * versions)).date()
                        if status in (Status.REGISTERED, Status.LIQUIDATED)
                        else None,
                        decided_at=submitted + dt.timedelta(days=10 * versions)
                        if status not in (Status.SUBMITTED, Status.DRAFT)
                        else None,
                        bin=f"{i:012d}" if status in (Status.REGISTERED, Status.LIQUIDATED) else "",
                    )
                )
                plans.append((status, versions, submitted, rng.randrange(len(templates))))
            Application.objects.bulk_create(apps, batch_size=batch)
            made = {a.number: a for a in Application.objects.filter(number__in=[a.number for a in apps])}
            rows = []
            for app, (status, versions, submitted, t) in zip(apps, plans, strict=True):
                for v in range(1, versions + 1):
                    content = templates[t][v - 1]
                    at = submitted + dt.timedelta(days=10 * (v - 1))
                    rows.append(
                        CharterVersion(
                            application=made[app.number],
                            number=v,
                            content=content,
                            author=app.applicant,
                            created_at=at - dt.timedelta(days=1),
                            updated_at=at,
                            submitted_at=at,
                            round=v,
                            content_hash=charter.content_hash(content),
                        )
                    )
                if status == Status.DRAFT:
                    rows.append(
                        CharterVersion(
                            application=made[app.number],
                            number=1,
                            content=templates[t][0],
                            author=app.applicant,
                            created_at=submitted,
                            updated_at=submitted,
                        )
                    )
            CharterVersion.objects.bulk_create(rows, batch_size=batch)
            by_app: dict[int, dict[int, Any]] = {}
            for row in CharterVersion.objects.filter(application__in=list(made.values())).only(
                "pk", "application_id", "number", "content_hash", "submitted_at"
            ):
                by_app.setdefault(row.application_id, {})[row.number] = row
            reviews, registered = [], []
            for app, (status, versions, _submitted, _t) in zip(apps, plans, strict=True):
                a = made[app.number]
                last = {
                    Status.REGISTERED: Review.Outcome.REGISTERED,
                    Status.LIQUIDATED: Review.Outcome.REGISTERED,
                    Status.REFUSED: Review.Outcome.REFUSED,
                    Status.CORRECTIONS_REQUESTED: Review.Outcome.CORRECTIONS,
                }.get(status)
                for v in range(1, versions + 1):
                    outcome = (
                        last if v == versions else rng.choice([Review.Outcome.REFUSED, Review.Outcome.CORRECTIONS])
                    )
                    if app.number == f"OA-B{n // 2:09d}" and v < versions:
                        outcome = Review.Outcome.REFUSED
                    if outcome is None:
                        continue
                    version = by_app[a.pk][v]
                    reviews.append(
                        Review(
                            application=a,
                            round=v,
                            version=version,
                            version_hash=version.content_hash,
                            outcome=outcome,
                            reasons="Жарғы заңға сәйкес емес / Устав не соответствует закону"
                            if outcome == Review.Outcome.REFUSED
                            else "",
                            bin=app.bin if outcome == Review.Outcome.REGISTERED else "",
                            decided_by=registrar,
                            body_id=a.registering_body_id,
                            created_at=version.submitted_at + dt.timedelta(days=rng.randrange(3, 12)),
                            on_time=rng.random() < 0.9,
                        )
                    )
                if last == Review.Outcome.REGISTERED:
                    a.registered_version_id = by_app[a.pk][versions].pk
                    registered.append(a)
            Review.objects.bulk_create(reviews, batch_size=batch)
            Application.objects.bulk_update(registered, ["registered_version"], batch_size=500)
            citations, proposals, through_rows = [], [], []
            through = Review.legal_grounds.through
            for r in reviews:
                if r.outcome == Review.Outcome.REFUSED and grounds:
                    for _ in range(rng.randrange(1, 4)):
                        ground = rng.choice(grounds)
                        citations.append(
                            Citation(
                                review_id=r.pk,
                                ground=ground,
                                clause=f"{rng.randrange(1, 9)}.1",
                                reason="Мақсат анық емес / Цель не определена",
                            )
                        )
                    for pk in {c.ground.pk for c in citations[-3:] if c.review_id == r.pk}:
                        through_rows.append(through(review_id=r.pk, legalground_id=pk))
                elif r.outcome == Review.Outcome.CORRECTIONS:
                    proposals.append(
                        Proposal(
                            review_id=r.pk,
                            clause="2.1",
                            comment="Нақтылаңыз / Уточните",
                            wording_kk="Жаңа тұжырым",
                            wording_ru="Новая формулировка",
                            response=Proposal.Response.ACCEPTED,
                        )
                    )
            Citation.objects.bulk_create(citations, batch_size=batch)
            Proposal.objects.bulk_create(proposals, batch_size=batch)
            through.objects.bulk_create(through_rows, batch_size=batch)
        have += len(apps)
        sys.stderr.write(f"\r{have:>9}/{n}")
    sys.stderr.write("\n")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"hot": hot, "number": f"OA-B{n // 2:09d}"}


def measure(ctx: dict[str, Any], runs: int) -> dict[str, Any]:
    from django.test import Client

    from tyndau.associations import selectors
    from tyndau.associations.models import Application, CharterVersion, Citation, Proposal, Review, Status

    client = Client()
    hot = ctx["hot"].pk
    number = ctx["number"]
    application = selectors.public_application(number)

    def page(url: str) -> Any:
        def run() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return run

    def registry_qs(**filters: Any) -> Any:
        return (
            selectors._base()
            .only(
                *selectors.PUBLIC_FIELDS,
                "registering_body__name_kk",
                "registering_body__name_ru",
                "registering_body__name_en",
                "registered_version__number",
            )
            .filter(status__in=selectors.PUBLIC_STATUSES, **filters)
            .order_by("-pk")[: selectors.PAGE_SIZE]
        )

    def together(*fns: Any) -> Any:
        def run() -> None:
            for fn in fns:
                fn()

        return run

    # The detail's own reads: the application by number, its submitted versions, the current one, its
    # reviews with their grounds, citations and proposals (as the page's prefetches read them).
    app_qs = (
        selectors._base().only(*selectors.PUBLIC_FIELDS).filter(number=number, status__in=selectors.PUBLIC_STATUSES)
    )
    versions_qs = CharterVersion.objects.filter(application=application, submitted_at__isnull=False).order_by("number")
    current_qs = CharterVersion.objects.filter(pk=application.registered_version_id or 0)
    reviews_qs = (
        Review.objects.filter(application=application).select_related("version", "body").order_by("round", "pk")
    )
    review_ids = list(reviews_qs.values_list("pk", flat=True))
    grounds_qs = Review.legal_grounds.through.objects.filter(review_id__in=review_ids).select_related("legalground")
    citations_qs = Citation.objects.filter(review_id__in=review_ids).select_related("ground")
    proposals_qs = Proposal.objects.filter(review_id__in=review_ids)
    version_qs = CharterVersion.objects.filter(application=application, number=3, submitted_at__isnull=False)
    previous_qs = CharterVersion.objects.filter(
        application=application, submitted_at__isnull=False, number__lt=3
    ).order_by("-number")[:1]
    cases = {
        "registry": (page("/ru/associations/registry/"), raw(registry_qs())),
        "registry_filtered": (
            page(f"/ru/associations/registry/?status={Status.REFUSED}&body={hot}"),
            raw(registry_qs(status=Status.REFUSED, registering_body_id=hot)),
        ),
        "registry_rare": (
            page(f"/ru/associations/registry/?status={Status.SUSPENDED}&body={hot}"),
            raw(registry_qs(status=Status.SUSPENDED, registering_body_id=hot)),
        ),
        "detail": (
            page(f"/ru/associations/registry/{number}/"),
            together(
                raw(app_qs),
                raw(versions_qs),
                raw(current_qs),
                raw(reviews_qs),
                raw(grounds_qs),
                raw(citations_qs),
                raw(proposals_qs),
            ),
        ),
        "version": (
            page(f"/ru/associations/registry/{number}/v/3/"),
            together(raw(app_qs), raw(version_qs), raw(previous_qs)),
        ),
    }
    out: dict[str, Any] = {}
    for name, (page_fn, sql_fn) in cases.items():
        samples = timed({"page": page_fn, "sql": sql_fn}, runs)
        row = {}
        for series, values in samples.items():
            row[f"{series}_p50_ms"] = round(statistics.median(values), 3)
            row[f"{series}_p95_ms"] = round(percentile(values, 95), 3)
        out[name] = row
    out["public"] = Application.objects.filter(status__in=selectors.PUBLIC_STATUSES).count()
    out["versions"] = CharterVersion.objects.count()
    out["reviews"] = Review.objects.count()
    return out


def summary() -> dict[str, Any]:
    result: dict[str, Any] = {}
    for db in ("sqlite", "postgres"):
        runs = sorted(
            (json.loads(p.read_text()) for p in BENCH_DIR.glob(f"associations_result_{db}_*.json")),
            key=lambda r: r["n"],
        )
        if len(runs) < 2:
            continue
        small, large = runs[0], runs[-1]
        result[db] = {"n_small": small["n"], "n_large": large["n"]}
        pages = [name for name in PAGES if name in small["pages"] and name in large["pages"]]
        for name in pages:
            for series in ("page", "sql"):
                ratio = large["pages"][name][f"{series}_p95_ms"] / max(small["pages"][name][f"{series}_p95_ms"], 1e-3)
                result[db][f"{name}_{series}_p95_growth"] = round(ratio, 2)
        result[db]["within_goal"] = all(result[db][f"{name}_page_p95_growth"] <= GOAL for name in pages)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--pg-server", default=os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--pg-database", default="", help="database name (default tyndau_bench_associations_<n>)")
    parser.add_argument("--summary", action="store_true")
    args = parser.parse_args()
    if args.summary:
        print(json.dumps(summary(), ensure_ascii=False))
        return
    configure("associations", args.db, size=args.n, pg_server=args.pg_server, pg_name=args.pg_database)
    started = time.monotonic()
    ctx = generate(args.n)
    generated_s = round(time.monotonic() - started, 1)
    pages = measure(ctx, args.runs)
    for name, row in pages.items():
        if isinstance(row, dict):
            print(
                f"{name:18} page p50 {row['page_p50_ms']:8.2f} ms  p95 {row['page_p95_ms']:8.2f} ms | "
                f"SQL p50 {row['sql_p50_ms']:7.3f} ms  p95 {row['sql_p95_ms']:7.3f} ms"
            )
    result = {
        "bench": "associations_scale",
        "db": args.db,
        "n": args.n,
        "runs": args.runs,
        "generate_s": generated_s,
        "pages": pages,
    }
    (BENCH_DIR / f"associations_result_{args.db}_{args.n}.json").write_text(json.dumps(result))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
