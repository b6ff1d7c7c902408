"""Alerts for a petition with 100,000 followers are queued without blocking the action that caused them.

    .venv/bin/python bench/follow_fanout.py --followers 100000

A fresh SQLite database (var/bench/follow_fanout.sqlite3), the database task queue (as in
production). Times `petition_forward` (the action that raises the alert) for petitions with 0, 1
and N followers, in turn, and prints the ratios of the medians (N against 0: the whole cost of
alerting; N against 1: what the number of followers adds, which should be nothing); then runs the
fan-out task's batches by hand and prints its throughput (followers per second: outbox e-mails
composed and inserted). The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench" / "follow_fanout.sqlite3"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--followers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    DB.parent.mkdir(parents=True, exist_ok=True)
    DB.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db.models import Max
    from django.utils import timezone

    from tests.cast import make_cast
    from tyndau.following.fanout import fan_out
    from tyndau.following.models import Change, Follow, FollowStatus, Kind
    from tyndau.petitions.models import Petition
    from tyndau.petitions.services import petition_forward
    from tyndau.petitions.tests.conftest import make_petition

    cast = make_cast()
    cast.body_a.population = 60_000
    cast.body_a.save(update_fields=["population"])
    now = timezone.now()

    def petition(followers: int) -> int:
        p = make_petition(cast, status="open", title=f"Bench petition with {followers} followers")
        start = (Follow.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        Follow.objects.bulk_create(
            (
                Follow(
                    email=f"f{start + i}@example.org",
                    email_hash=f"{start + i:064d}",
                    kind=Kind.PETITION,
                    target_id=str(p.pk),
                    language="kk",
                    status=FollowStatus.ACTIVE,
                    confirmed_at=now,
                )
                for i in range(followers)
            ),
            batch_size=5000,
        )
        Petition.objects.filter(pk=p.pk).update(signature_count=p.threshold)
        return p.pk

    quiet, one, loud = [], [], []
    for _ in range(args.rounds):
        ids = (petition(0), petition(1), petition(args.followers))
        for pk, into in zip(ids, (quiet, one, loud), strict=True):
            t0 = time.perf_counter()
            petition_forward(petition=pk)
            into.append(time.perf_counter() - t0)
    q, o, l_ = statistics.median(quiet), statistics.median(one), statistics.median(loud)
    print(
        f"petition_forward median: 0 followers {q * 1000:.1f} ms, 1 follower {o * 1000:.1f} ms, "
        f"{args.followers} followers {l_ * 1000:.1f} ms"
    )
    change = Change.objects.filter(recipients=0).order_by("-id").first()
    assert change is not None
    t0 = time.perf_counter()
    after, done = 0, 0
    while True:
        last = fan_out(change_id=change.pk, after_id=after)
        if last is None:
            break
        after = last
    elapsed = time.perf_counter() - t0
    done = Change.objects.get(pk=change.pk).recipients
    rate = done / elapsed if elapsed else 0.0
    print(f"fan-out: {done} followers in {elapsed:.1f} s ({rate:.0f}/s)")
    print(
        json.dumps(
            {
                "bench": "follow_fanout",
                "followers": args.followers,
                "forward_ms_0": round(q * 1000, 2),
                "forward_ms_1": round(o * 1000, 2),
                "forward_ms_n": round(l_ * 1000, 2),
                "ratio": round(l_ / q, 3),
                "ratio_vs_one_follower": round(l_ / o, 3),
                "fanout_per_s": round(rate),
                "fanout_seconds": round(elapsed, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
