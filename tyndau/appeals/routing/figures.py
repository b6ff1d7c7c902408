"""Routing in figures, for the transparency pages: appeals a body received that were not its to answer
(it forwarded them on), forwards within the 3-working-day term (APPK art. 64(4)), and how often the
suggestion named the body that answered. Aggregates only; reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q

from tyndau.appeals.models import Answer, Forwarding
from tyndau.appeals.routing import store


def forwarding_counts(*, body_id: int, start: dt.datetime, end: dt.datetime) -> dict[str, int]:
    """Forwards made in [start, end): appeals the body received that were not its (it forwarded them
    on), of which within the term, and appeals other bodies forwarded to it."""
    made = Forwarding.objects.filter(from_body_id=body_id, forwarded_at__gte=start, forwarded_at__lt=end).aggregate(
        not_its=Count("appeal", distinct=True),
        within_term=Count("appeal", distinct=True, filter=Q(within_term=True)),
    )
    received = Forwarding.objects.filter(to_body_id=body_id, forwarded_at__gte=start, forwarded_at__lt=end).aggregate(
        n=Count("appeal", distinct=True)
    )
    return {"not_its": made["not_its"], "within_term": made["within_term"], "forwarded_to_it": received["n"]}


def suggestion_accuracy(*, start: dt.datetime, end: dt.datetime, body_id: int | None = None) -> dict[str, Any]:
    """Of the appeals answered in [start, end) that had a suggestion: how many named the answering body."""
    answers = Answer.objects.filter(created_at__gte=start, created_at__lt=end, appeal__routing_suggestion__isnull=False)
    if body_id is not None:
        answers = answers.filter(body_id=body_id)
    row = answers.aggregate(
        judged=Count("id"), right=Count("id", filter=Q(appeal__routing_suggestion__body_id=F("body_id")))
    )
    judged, right = row["judged"], row["right"]
    return {"judged": judged, "right": right, "rate": (100.0 * right / judged) if judged else None}


def model_metrics() -> dict[str, Any]:
    """The held-out evaluation stored with the current model (time split), or {} without one."""
    bundle = store.load()
    if bundle is None or not bundle.metrics.get("model"):
        return {}
    m = bundle.metrics
    return {
        "trained_at": bundle.trained_at,
        "examples": bundle.examples,
        "test": m["test"],
        "top1": 100 * m["model"]["top1"],
        "top3": 100 * m["model"]["top3"],
        "baseline_top1": 100 * m["baseline_category_place"]["top1"],
    }
