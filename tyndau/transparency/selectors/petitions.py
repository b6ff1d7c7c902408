"""E-petition figures: by state, confirmed signatures, threshold reached, responses on time and overdue.

A petition counts in the period in which it was submitted to moderation (drafts are private and
never counted). Signatures are the materialised confirmed count of those petitions.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncDate, TruncMonth

from tyndau.core.calendar import KZ_TZ
from tyndau.petitions.models import Outcome, Petition, Status
from tyndau.transparency.selectors.period import Period, cached, local_today, rate

COUNT_FIELDS = (
    "submitted",
    "signatures",
    "reached_threshold",
    "responded",
    "responded_on_time",
    "overdue_responses",
    "refused_responses",
    "rejected",
)
# The states a submitted petition can be in, in the order of the workflow.
PUBLIC_STATES = (Status.MODERATION, Status.REJECTED, Status.OPEN, Status.FORWARDED, Status.RESPONDED, Status.CLOSED)


def _cohort(period: Period, body_id: int | None = None) -> QuerySet[Petition]:
    qs = Petition.objects.filter(submitted_at__gte=period.start, submitted_at__lt=period.end)
    if body_id is not None:
        qs = qs.filter(addressee_id=body_id)
    return qs.exclude(status=Status.DRAFT)


def petition_counts(*, period: Period, body_id: int | None = None) -> list[dict[str, Any]]:
    """One grouped query: counts per (addressee, state)."""
    day = local_today()
    reached = Q(status__in=(Status.FORWARDED, Status.RESPONDED)) | Q(
        threshold__isnull=False, signature_count__gte=F("threshold")
    )
    # APPK art. 90-5: the response is due within 40 working days of registration with the body.
    on_time = Q(status=Status.RESPONDED, responded_on__lte=F("response_due"))
    rows = (
        _cohort(period, body_id)
        .annotate(responded_on=TruncDate("responded_at", tzinfo=KZ_TZ))
        .values("addressee_id", "status")
        .annotate(
            submitted=Count("id"),
            signature_total=Sum("signature_count"),
            reached_threshold=Count("id", filter=reached),
            responded=Count("id", filter=Q(status=Status.RESPONDED)),
            responded_on_time=Count("id", filter=on_time),
            overdue_responses=Count("id", filter=Q(status=Status.FORWARDED, response_due__lt=day)),
            refused_responses=Count("id", filter=Q(status=Status.RESPONDED, response_outcome=Outcome.REFUSED)),
            rejected=Count("id", filter=Q(status=Status.REJECTED)),
        )
        .order_by()
    )
    result = []
    for row in rows:
        counts: dict[str, Any] = dict(row)
        counts["signatures"] = counts.pop("signature_total") or 0
        result.append(counts)
    return result


def figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {field: sum(row[field] for row in rows) for field in COUNT_FIELDS}
    result["on_time_rate"] = rate(result["responded_on_time"], result["responded"])
    return result


def petition_summary(*, period: Period) -> dict[str, Any]:
    """Totals and the number of petitions in each state. Cached."""

    def compute() -> dict[str, Any]:
        rows = petition_counts(period=period)
        by_state: dict[str, int] = defaultdict(int)
        for row in rows:
            by_state[row["status"]] += row["submitted"]
        return {
            "total": figures(rows),
            "by_state": [{"state": state.value, "count": by_state.get(state, 0)} for state in PUBLIC_STATES],
        }

    return cached("petitions", period, compute)


def petitions_by_body(*, period: Period) -> dict[int, dict[str, Any]]:
    """Figures per addressee body. Cached."""

    def compute() -> dict[int, dict[str, Any]]:
        grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in petition_counts(period=period):
            grouped[row["addressee_id"]].append(row)
        return {body_id: figures(rows) for body_id, rows in grouped.items()}

    return cached("petitions-by-body", period, compute)


def petitions_by_month(*, period: Period) -> dict[str, dict[str, int]]:
    """Counts per month of submission ("YYYY-MM", Kazakhstan time)."""
    rows = (
        _cohort(period)
        .annotate(month=TruncMonth("submitted_at", tzinfo=KZ_TZ))
        .values("month")
        .annotate(
            submitted=Count("id"),
            petition_signatures=Sum("signature_count"),
            reached_threshold=Count("id", filter=Q(status__in=(Status.FORWARDED, Status.RESPONDED))),
            responded=Count("id", filter=Q(status=Status.RESPONDED)),
        )
        .order_by()
    )
    return {
        row["month"].strftime("%Y-%m"): {
            "petitions_submitted": row["submitted"],
            "petition_signatures": row["petition_signatures"] or 0,
            "petitions_reached_threshold": row["reached_threshold"],
            "petitions_responded": row["responded"],
        }
        for row in rows
    }
