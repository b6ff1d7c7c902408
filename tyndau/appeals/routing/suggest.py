"""The suggestion shown on the filing form, in the API and (as filed) to officials: the competent body and
the category, with the reasons in words. The model when there is one, else the body that most often
answered such appeals, else the competence table — so there is always an answer when the law names a body.

Reasons are stored as data (a code and ids) and put into words in the reader's language when shown.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tyndau.appeals.models import RoutingSuggestion
from tyndau.appeals.routing import history, store
from tyndau.appeals.routing.model import Bundle
from tyndau.authorities import selectors as authority_selectors
from tyndau.authorities.models import Category, PublicBody, Region
from tyndau.core.bounds import clean_text

MODEL, FALLBACK = "model", "fallback"
TEXT_LIMIT = 2_000


@dataclass
class Suggestion:
    body: PublicBody | None
    category: Category | None
    alternatives: list[PublicBody] = field(default_factory=list)
    reasons: list[dict[str, Any]] = field(default_factory=list)
    source: str = FALLBACK
    model_version: str = ""
    share: float | None = None  # the model's share for `body` (0..1), None for the fallback
    elapsed_ms: float = 0.0

    def reason_texts(self) -> list[str]:
        return reason_texts(self.reasons)


def _bodies(slugs: list[str]) -> list[PublicBody]:
    found = {b.slug: b for b in authority_selectors.active_bodies().filter(slug__in=slugs)}
    return [found[s] for s in slugs if s in found]


def _place(region: Region | None, district: str) -> dict[str, Any]:
    return {"region": region.pk if region else None, "district": district}


def suggest(*, category: Category | None, region: Region | None, text: str, district: str = "") -> Suggestion:
    """The suggestion for an appeal being written. Reads only; never raises for want of a model."""
    started = time.perf_counter()
    text = (text or "")[:TEXT_LIMIT]
    bundle = store.load()
    result = _from_model(bundle, category, region, district, text) if bundle is not None else None
    if result is None or result.body is None:
        result = _fallback(category, region, district, result.category if result else None)
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


def _from_model(
    bundle: Bundle, category: Category | None, region: Region | None, district: str, text: str
) -> Suggestion | None:
    iso = region.iso_code if region else ""
    reasons: list[dict[str, Any]] = []
    suggested_category: Category | None = None
    ranked_categories = bundle.rank_categories(region=iso, district=district, text=text, k=1)
    if ranked_categories:
        suggested_category = Category.objects.filter(slug=ranked_categories[0].label, is_active=True).first()
    if suggested_category is not None and (category is None or suggested_category.pk != category.pk):
        reasons.append({"code": "category", "category": suggested_category.pk})
    category = category or suggested_category
    if category is None:
        return Suggestion(None, suggested_category, reasons=reasons, source=MODEL, model_version=bundle.version)
    ranked = bundle.rank_bodies(category=category.slug, region=iso, district=district, text=text, k=3)
    bodies = _bodies([r.label for r in ranked])
    if not bodies:
        return Suggestion(None, suggested_category, reasons=reasons, source=MODEL, model_version=bundle.version)
    body = bodies[0]
    share = next((r.score for r in ranked if r.label == body.slug), None)
    counter = bundle.counts.get(("cd", category.slug, iso, district)) if district else None
    where = _place(region, district)
    if not counter:
        counter = bundle.counts.get(("cr", category.slug, iso))
        where = _place(region, "")
    if counter and counter.get(body.slug):
        reasons.append(_answered(body, category, counter, where))
    if counter and counter.most_common(1)[0][0] != body.slug:
        reasons.append({"code": "text", "body": body.pk})
    forwarded = bundle.counts.get(("fw", category.slug, iso), Counter()).get(body.slug, 0)
    if forwarded:
        reasons.append(
            {"code": "forwarded", "body": body.pk, "category": category.pk, "n": forwarded, **_place(region, "")}
        )
    if not counter:
        reasons.append({"code": "text", "body": body.pk})
    return Suggestion(body, suggested_category, bodies[1:], reasons, MODEL, bundle.version, share)


def _answered(body: PublicBody, category: Category, counter: Counter[str], where: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": "answered",
        "body": body.pk,
        "category": category.pk,
        "n": counter[body.slug],
        "of": sum(counter.values()),
        **where,
    }


def _fallback(
    category: Category | None, region: Region | None, district: str, suggested_category: Category | None
) -> Suggestion:
    reasons: list[dict[str, Any]] = []
    category = category or suggested_category
    if category is None or region is None:
        return Suggestion(None, suggested_category)
    counts = history.answered_counts(category=category, region=region)
    bodies = _bodies([slug for slug, _n in counts.most_common(3)])
    if bodies:
        top = bodies[0]
        reasons.append(_answered(top, category, counts, _place(region, "")))
        return Suggestion(top, suggested_category, bodies[1:], reasons)
    competent = authority_selectors.competent_body(category=category, region=region)
    if competent is None:
        return Suggestion(None, suggested_category)
    reasons.append({"code": "competence", "body": competent.pk, "category": category.pk, **_place(region, "")})
    return Suggestion(competent, suggested_category, [], reasons)


def reason_texts(reasons: list[dict[str, Any]]) -> list[str]:
    """The reasons in words, in the active language (three queries at most, whatever their number)."""
    body_ids = {r["body"] for r in reasons if r.get("body")}
    category_ids = {r["category"] for r in reasons if r.get("category")}
    region_ids = {r["region"] for r in reasons if r.get("region")}
    bodies = {b.pk: b.name for b in PublicBody.objects.filter(pk__in=body_ids)} if body_ids else {}
    categories = {c.pk: c.name for c in Category.objects.filter(pk__in=category_ids)} if category_ids else {}
    regions = {r.pk: r.name for r in Region.objects.filter(pk__in=region_ids)} if region_ids else {}
    texts = []
    for reason in reasons:
        place = regions.get(reason.get("region") or 0, "")
        if reason.get("district"):
            place = f"{reason['district']}, {place}" if place else reason["district"]
        values = {
            "body": bodies.get(reason.get("body") or 0, "—"),
            "category": categories.get(reason.get("category") or 0, "—"),
            "place": place or "—",
            "n": reason.get("n", 0),
            "of": reason.get("of", 0),
        }
        code = reason.get("code")
        if code == "answered":
            texts.append(_("Appeals about “%(category)s” in %(place)s answered by %(body)s: %(n)s of %(of)s.") % values)
        elif code == "forwarded":
            texts.append(
                _("Appeals about “%(category)s” in %(place)s forwarded to %(body)s by another body: %(n)s.") % values
            )
        elif code == "text":
            texts.append(_("The words of the appeal are like those of appeals answered by %(body)s.") % values)
        elif code == "competence":
            texts.append(_("%(body)s is competent for “%(category)s” in %(place)s by the competence table.") % values)
        elif code == "category":
            texts.append(_("The text reads like an appeal about “%(category)s”.") % values)
    return texts


@dataclass
class Filed:
    """What routing suggested when an appeal was filed, for the official's page."""

    body: PublicBody | None
    category: Category | None
    alternatives: list[PublicBody]
    reasons: list[str]
    source_label: str
    followed: bool


def filed_suggestion(appeal: Any) -> Filed | None:
    kept = RoutingSuggestion.objects.select_related("body", "category").filter(appeal=appeal).first()
    if kept is None:
        return None
    others = {b.pk: b for b in PublicBody.objects.filter(pk__in=kept.alternatives[:5])}
    return Filed(
        body=kept.body,
        category=kept.category,
        alternatives=[others[i] for i in kept.alternatives[:5] if i in others],
        reasons=reason_texts(kept.reasons),
        source_label=str(kept.get_source_display()),
        followed=kept.body_id == appeal.body_id,
    )


@dataclass
class Input:
    category: Category | None
    region: Region | None
    text: str


def _pk(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 18 else None


def suggestion_input(data: Any) -> Input:
    """Category, region and text from a (possibly half-filled) filing form: anything wrong is ignored."""
    category_id, region_id = _pk(data.get("category")), _pk(data.get("region"))
    category = Category.objects.filter(pk=category_id, is_active=True).first() if category_id else None
    region = Region.objects.filter(pk=region_id).first() if region_id else None
    text = clean_text(f"{data.get('subject', '')}\n{data.get('text', '')}"[: TEXT_LIMIT + 200])
    return Input(category, region, text)


def suggest_by_codes(*, category: str | None, region: str | None, text: str, district: str = "") -> Suggestion:
    """The API's form: the category by slug, the region by ISO code; unknown codes count as not given."""
    found_category = Category.objects.filter(slug=category, is_active=True).first() if category else None
    found_region = authority_selectors.region_by_iso(iso_code=region.upper()) if region else None
    return suggest(category=found_category, region=found_region, text=text, district=district)
