"""Refusals per body and legal ground: every refusal cites a ground, and the count is public.

Sources: answers to appeals that refuse or partly refuse (each ground cited counts once per
answer), responses to e-petitions that refuse, and e-petitions rejected at moderation (counted
per ground without a body: moderation is not a decision of the addressee).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count

from tyndau.appeals.models import Answer
from tyndau.appeals.models import Outcome as AppealOutcome
from tyndau.authorities.models import LegalGround, PublicBody
from tyndau.petitions.models import Outcome as PetitionOutcome
from tyndau.petitions.models import Petition, Status
from tyndau.transparency.selectors.appeals import received_in
from tyndau.transparency.selectors.period import Period, cached, localized

SOURCES = ("appeal_refused", "appeal_partly", "petition_refused", "petition_rejected")


def _refusal_rows(period: Period) -> list[dict[str, Any]]:
    counts: dict[tuple[int | None, int], dict[str, int]] = defaultdict(lambda: dict.fromkeys(SOURCES, 0))
    cited = (
        Answer.legal_grounds.through.objects.filter(
            received_in(period, "answer__appeal__"),
            answer__outcome__in=(AppealOutcome.REFUSED, AppealOutcome.PARTLY),
        )
        .values("answer__body_id", "legalground_id", "answer__outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in cited:
        source = "appeal_refused" if row["answer__outcome"] == AppealOutcome.REFUSED else "appeal_partly"
        counts[(row["answer__body_id"], row["legalground_id"])][source] += row["n"]
    petitions = Petition.objects.filter(submitted_at__gte=period.start, submitted_at__lt=period.end)
    responses = (
        petitions.filter(
            status=Status.RESPONDED, response_outcome__in=(PetitionOutcome.REFUSED, PetitionOutcome.PARTLY)
        )
        .exclude(response_ground__isnull=True)
        .values("addressee_id", "response_ground_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for response in responses:
        counts[(response["addressee_id"], response["response_ground_id"])]["petition_refused"] += response["n"]
    rejections = (
        petitions.filter(status=Status.REJECTED)
        .exclude(rejection_ground__isnull=True)
        .values("rejection_ground_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for rejection in rejections:
        counts[(None, rejection["rejection_ground_id"])]["petition_rejected"] += rejection["n"]
    return [
        {"body_id": body_id, "ground_id": ground_id, **values, "total": sum(values.values())}
        for (body_id, ground_id), values in counts.items()
    ]


def refusals(*, period: Period) -> dict[str, Any]:
    """{"by_body": rows per (body, ground), "by_ground": totals per ground, "grounds": ground facts}. Cached."""

    def compute() -> dict[str, Any]:
        rows = _refusal_rows(period)
        ground_ids = {row["ground_id"] for row in rows}
        grounds = {
            g["id"]: g
            for g in LegalGround.objects.filter(pk__in=ground_ids).values(
                "id", "code", "domain", "law", "article", "text_kk", "text_ru", "text_en"
            )
        }
        by_ground: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys((*SOURCES, "total"), 0))
        for row in rows:
            for field in (*SOURCES, "total"):
                by_ground[row["ground_id"]][field] += row[field]
        body_ids = {row["body_id"] for row in rows if row["body_id"] is not None}
        bodies = {
            b["id"]: b
            for b in PublicBody.objects.filter(pk__in=body_ids).values(
                "id", "slug", "kind", "region__iso_code", "name_kk", "name_ru", "name_en"
            )
        }
        return {
            "bodies": bodies,
            "by_body": [row for row in rows if row["body_id"] is not None],
            "by_ground": [{"ground_id": gid, **values} for gid, values in by_ground.items()],
            "grounds": grounds,
        }

    return cached("refusals", period, compute)


def refusal_tables(*, period: Period) -> dict[str, Any]:
    """The two tables of the refusals page in the active language: per ground, and per body and ground."""
    data = refusals(period=period)
    grounds = dict(zip(data["grounds"], localized(data["grounds"].values(), "text"), strict=True))
    bodies = dict(zip(data["bodies"], localized(data["bodies"].values(), "name"), strict=True))
    by_ground = sorted(
        ({**row, "ground": grounds[row["ground_id"]]} for row in data["by_ground"]),
        key=lambda r: (-r["total"], r["ground"]["code"]),
    )
    by_body = sorted(
        ({**row, "ground": grounds[row["ground_id"]], "body": bodies[row["body_id"]]} for row in data["by_body"]),
        key=lambda r: (r["body"]["name"], -r["total"], r["ground"]["code"]),
    )
    return {"by_ground": by_ground, "by_body": by_body}
