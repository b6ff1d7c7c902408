"""Reads of the platform's own routing history: the body that answered each appeal, and for an appeal a
body forwarded, the body it was forwarded to (APPK art. 64(4)) — the decisions the model learns from —
plus the imported history (`HistoricalAppeal`). Streams in chunks: a million rows fit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from django.db.models import Count, Exists, OuterRef, Q

from tyndau.appeals.models import Answer, Appeal, Forwarding, HistoricalAppeal
from tyndau.appeals.routing.model import Example
from tyndau.authorities.models import Category, Region
from tyndau.core.calendar import local

CHUNK = 5_000


def platform_examples() -> Iterator[Example]:
    decided = Appeal.objects.filter(
        Q(answer__isnull=False) | Exists(Forwarding.objects.filter(appeal=OuterRef("pk")))
    ).values_list(
        "subject", "text", "category__slug", "region__iso_code", "received_at", "answer__body__slug", "body__slug"
    )
    for subject, text, category, region, received_at, answered_by, body in decided.order_by("id").iterator(CHUNK):
        # Answered: the body that answered. Forwarded and still open: the body it was forwarded to.
        yield Example(f"{subject}\n{text}", category, region or "", "", local(received_at).date(), answered_by or body)
    imported = HistoricalAppeal.objects.values_list(
        "text", "category__slug", "region__iso_code", "district", "received_on", "body__slug"
    )
    for text, category, region, district, received_on, body in imported.order_by("id").iterator(CHUNK):
        yield Example(text, category, region or "", district, received_on, body)


def forward_counts() -> dict[tuple[str, ...], Counter[str]]:
    """("fw", category, region) -> how many appeals were forwarded to each body by another one."""
    counts: dict[tuple[str, ...], Counter[str]] = {}
    rows = (
        Forwarding.objects.values("appeal__category__slug", "appeal__region__iso_code", "to_body__slug")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        key = ("fw", row["appeal__category__slug"], row["appeal__region__iso_code"] or "")
        counts.setdefault(key, Counter())[row["to_body__slug"]] += row["n"]
    return counts


def answered_counts(*, category: Category, region: Region) -> Counter[str]:
    """Without a model: which bodies answered appeals (and imported ones) about `category` in `region`."""
    counts: Counter[str] = Counter()
    sources = (
        Answer.objects.filter(appeal__category=category, appeal__region=region),
        HistoricalAppeal.objects.filter(category=category, region=region),
    )
    for rows in sources:
        for row in rows.values("body__slug").annotate(n=Count("id")).order_by("-n")[:5]:
            counts[row["body__slug"]] += row["n"]
    return counts
