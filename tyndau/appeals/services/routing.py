"""Routing writes: the suggestion kept with a filed appeal, the imported history, the trained model.

docs/routing.md; the model itself is `tyndau.appeals.routing.model`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from tyndau.appeals.models import Appeal, HistoricalAppeal, RoutingSuggestion
from tyndau.appeals.routing import csvfile, history, model, store
from tyndau.appeals.routing.suggest import suggest
from tyndau.audit.services import record_event
from tyndau.authorities.models import Category, PublicBody, Region
from tyndau.core.pii import keyed_hash

logger = logging.getLogger(__name__)

IMPORT_BATCH = 2_000
MIN_EXAMPLES = 20  # fewer decided appeals than this: no model, the fallback serves


def routing_record(appeal: Appeal) -> RoutingSuggestion | None:
    """Keep what routing suggested for `appeal` as it was filed. Called inside the filing transaction;
    a failure of the model is logged and filing goes on (the savepoint keeps the transaction usable)."""
    try:
        with transaction.atomic():
            found = suggest(category=appeal.category, region=appeal.region, text=f"{appeal.subject}\n{appeal.text}")
            return RoutingSuggestion.objects.create(
                appeal=appeal,
                body=found.body,
                category=found.category or appeal.category,
                alternatives=[b.pk for b in found.alternatives],
                reasons=found.reasons,
                source=found.source,
                model_version=found.model_version[:60],
                created_at=timezone.now(),
            )
    except Exception:
        logger.exception("routing suggestion for appeal %s not kept", appeal.pk)
        return None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


class _Lookup:
    """Category by slug, region by ISO or KATO code, body by slug: one query each, then dictionaries."""

    def __init__(self) -> None:
        self.categories = {c.slug: c.pk for c in Category.objects.all()}
        self.regions = {r.iso_code.upper(): r.pk for r in Region.objects.all()}
        self.regions.update({r.kato_code: r.pk for r in Region.objects.all()})
        self.bodies = {b.slug: b.pk for b in PublicBody.objects.all()}

    def resolve(self, row: csvfile.Row) -> dict[str, Any]:
        category = self.categories.get(row.category)
        if category is None:
            raise ValueError(f"unknown category {row.category[:60]!r}")
        body = self.bodies.get(row.body)
        if body is None:
            raise ValueError(f"unknown body {row.body[:60]!r}")
        region = self.regions.get(row.region.upper()) if row.region else None
        if row.region and region is None:
            raise ValueError(f"unknown region {row.region[:60]!r}")
        return {"category_id": category, "body_id": body, "region_id": region}


def _external_id(row: csvfile.Row) -> str:
    if row.external_id:
        return row.external_id
    basis = "\x1f".join([row.text, row.category, row.region, row.district, row.date.isoformat(), row.body])
    return "sha256:" + hashlib.sha256(basis.encode()).hexdigest()[:40]


def history_import(*, handle: IO[str], source: str, actor: Any = None) -> ImportResult:
    """Import a CSV of historical appeals (docs/appeals-import.md). Idempotent per (source, id): a second
    import of the same file updates rows and creates none. Rows that cannot be used are reported."""
    lookup, result = _Lookup(), ImportResult()
    source = source.strip()[:50] or "csv"
    batch: list[HistoricalAppeal] = []
    for item in csvfile.parse(handle):
        if not isinstance(item, csvfile.Row):
            result.skipped.append(item)
            continue
        try:
            refs = lookup.resolve(item)
        except ValueError as exc:
            result.skipped.append((item.line, str(exc)))
            continue
        batch.append(
            HistoricalAppeal(
                source=source,
                external_id=_external_id(item),
                text=item.text,
                district=item.district,
                latitude=item.latitude,
                longitude=item.longitude,
                received_on=item.date,
                # Distinct authors can be counted; who they are cannot be read back.
                author_key=keyed_hash(item.author, purpose="historical-author") if item.author else "",
                problem_key=item.problem_key,
                imported_at=timezone.now(),
                **refs,
            )
        )
        if len(batch) >= IMPORT_BATCH:
            _flush(batch, result)
            batch = []
    _flush(batch, result)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="appeals.history.imported",
            payload={
                "source": source,
                "created": result.created,
                "updated": result.updated,
                "skipped": len(result.skipped),
            },
            actor_label="" if actor is not None else "system",
        )
    return result


def _flush(batch: list[HistoricalAppeal], result: ImportResult) -> None:
    if not batch:
        return
    # One id once per batch (the last row wins), so the upsert never touches a row twice.
    unique = list({(row.source, row.external_id): row for row in batch}.values())
    ids = [row.external_id for row in unique]
    with transaction.atomic():
        existing = set(
            HistoricalAppeal.objects.filter(source=unique[0].source, external_id__in=ids).values_list(
                "external_id", flat=True
            )
        )
        HistoricalAppeal.objects.bulk_create(
            unique,
            update_conflicts=True,
            unique_fields=["source", "external_id"],
            update_fields=[
                "text",
                "category",
                "region",
                "district",
                "latitude",
                "longitude",
                "received_on",
                "author_key",
                "problem_key",
                "body",
                "imported_at",
            ],
        )
    result.updated += len(existing)
    result.created += len(unique) - len(existing)


@dataclass
class TrainResult:
    examples: int
    written: Path | None
    metrics: dict[str, Any]


def routing_train(*, examples: Iterable[model.Example] | None = None, evaluate: bool = True) -> TrainResult:
    """Train on the platform's history (answers, forwards, imports) and replace the model file. With
    too little history nothing is written and the fallback keeps serving."""
    data = list(examples if examples is not None else history.platform_examples())
    if len(data) < MIN_EXAMPLES or len({e.body for e in data}) < 2:
        return TrainResult(len(data), None, {})
    metrics = model.evaluate(data) if evaluate else {}
    bundle = model.train(data)
    bundle.counts.update(history.forward_counts())
    bundle.metrics = metrics
    path = store.save(bundle)
    with transaction.atomic():
        record_event(
            actor=None,
            action="appeals.routing.trained",
            payload={"examples": len(data), "version": bundle.version, **_headline(metrics)},
            actor_label="system",
        )
    return TrainResult(len(data), path, metrics)


def _headline(metrics: dict[str, Any]) -> dict[str, Any]:
    if not metrics.get("model"):
        return {}
    return {
        "top1": metrics["model"]["top1"],
        "top3": metrics["model"]["top3"],
        "baseline_top1": metrics["baseline_category_place"]["top1"],
    }
