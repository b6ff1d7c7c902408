"""Appeal figures: received, answered, on time, overdue now, deemed refusals, days to answer.

Every appeal received in the period is counted once, against the body that holds it now (after
any forwarding), in its kind and in the region it concerns. "Received" is when the person sent it
(`received_at`, Kazakhstan time), not its registration date: one sent on a Saturday is registered
on Monday (APPK art. 64(3)) and must count on Sunday too, and a forwarded appeal, registered anew
by the competent body, is still the one appeal sent then. "Answered" and "on time" are the answers
those appeals received (on time = by the stored deadline, extensions included); days to answer
run from the registration date, as the law's terms do.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate, TruncMonth

from tyndau.appeals.models import OPEN_STATUSES, Answer, Appeal, FixAnswer, FixReport, Kind, Outcome, Status
from tyndau.core.calendar import KZ_TZ
from tyndau.transparency.selectors.period import DayCounts, Period, cached, local_today, rate

COUNT_FIELDS = ("received", "answered", "answered_on_time", "overdue", "deemed_refusals", "refused", "partly")


def _deemed_refused() -> Q:
    # APPK art. 91(2): silence past the deadline is a refusal; it stays one after a complaint or closing.
    return Q(status=Status.DEEMED_REFUSED) | Q(deemed_refused_on__isnull=False)


def received_in(period: Period, prefix: str = "") -> Q:
    """The appeals received in `period` (`prefix`: the path to the appeal, e.g. "appeal__")."""
    return Q(**{f"{prefix}received_at__gte": period.start, f"{prefix}received_at__lt": period.end})


def _appeals(period: Period, body_id: int | None) -> QuerySet[Appeal]:
    qs = Appeal.objects.filter(received_in(period))
    return qs if body_id is None else qs.filter(body_id=body_id)


def appeal_counts(*, period: Period, by: tuple[str, ...], body_id: int | None = None) -> list[dict[str, Any]]:
    """One grouped query: the counts of appeals received in `period` per value of the `by` columns."""
    day = local_today()
    return list(
        _appeals(period, body_id)
        .values(*by)
        .annotate(
            received=Count("id"),
            answered=Count("answer"),
            answered_on_time=Count("answer", filter=Q(answer__on_time=True)),
            overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, deadline__lt=day)),
            deemed_refusals=Count("id", filter=_deemed_refused()),
            refused=Count("answer", filter=Q(answer__outcome=Outcome.REFUSED)),
            partly=Count("answer", filter=Q(answer__outcome=Outcome.PARTLY)),
        )
        .order_by()  # the model's ordering would otherwise split the groups
    )


def answer_days(*, period: Period, by: str, body_id: int | None = None) -> dict[Any, DayCounts]:
    """Days from registration to answer per value of `by` (a column of Appeal), one query.

    Grouped by (registration day, answer day) so the rows grow with the calendar, not with the
    number of answers; working days are counted in Python on the decreed calendar.
    """
    answers = Answer.objects.filter(received_in(period, "appeal__"))
    if body_id is not None:
        answers = answers.filter(appeal__body_id=body_id)
    rows = (
        answers.annotate(answered_on=TruncDate("created_at", tzinfo=KZ_TZ))
        .values(f"appeal__{by}", "appeal__registered_on", "answered_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    memo: dict[Any, int] = {}
    result: dict[Any, DayCounts] = defaultdict(DayCounts.empty)
    for row in rows:
        result[row[f"appeal__{by}"]].add(row["appeal__registered_on"], row["answered_on"], row["n"], memo)
    return dict(result)


def figures(counts: dict[str, int], days: DayCounts | None) -> dict[str, Any]:
    """The published figures of one group of appeals."""
    result: dict[str, Any] = {field: counts.get(field, 0) for field in COUNT_FIELDS}
    result["on_time_rate"] = rate(result["answered_on_time"], result["answered"])
    result.update((days or DayCounts.empty()).medians())
    return result


def fix_figures(*, period: Period, body_id: int) -> dict[str, Any]:
    """ "Was it fixed?" for the appeals a body received in `period` and answered as satisfied: how many
    applicants answered the questionnaire, how many said fixed, and the share fixed among those answers."""
    counts = FixReport.objects.filter(received_in(period, "appeal__"), body_id=body_id).aggregate(
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        fixed=Count("id", filter=Q(answer=FixAnswer.FIXED)),
    )
    return {**counts, "fixed_rate": rate(counts["fixed"], counts["answered"])}


def total(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {field: sum(row[field] for row in rows) for field in COUNT_FIELDS}


def _merge(days: dict[Any, DayCounts]) -> DayCounts:
    merged = DayCounts.empty()
    for value in days.values():
        merged.working.update(value.working)
        merged.calendar.update(value.calendar)
    return merged


def appeal_summary(*, period: Period) -> dict[str, Any]:
    """Totals, by kind and by region (region ids; names are joined by the caller). Cached."""

    def compute() -> dict[str, Any]:
        by_kind_rows = {row["kind"]: row for row in appeal_counts(period=period, by=("kind",))}
        by_region_rows = {row["region_id"]: row for row in appeal_counts(period=period, by=("region_id",))}
        kind_days = answer_days(period=period, by="kind")
        region_days = answer_days(period=period, by="region_id")
        return {
            "total": figures(total(list(by_kind_rows.values())), _merge(kind_days)),
            "by_kind": [
                {"kind": kind, **figures(by_kind_rows.get(kind, {}), kind_days.get(kind))} for kind in Kind.values
            ],
            "by_region": {
                region_id: figures(row, region_days.get(region_id)) for region_id, row in by_region_rows.items()
            },
        }

    return cached("appeals", period, compute)


def appeals_by_body(*, period: Period) -> dict[int, dict[str, Any]]:
    """Figures per body (the body holding the appeal now). Cached."""

    def compute() -> dict[int, dict[str, Any]]:
        days = answer_days(period=period, by="body_id")
        return {
            row["body_id"]: figures(row, days.get(row["body_id"]))
            for row in appeal_counts(period=period, by=("body_id",))
        }

    return cached("appeals-by-body", period, compute)


def appeals_by_month(*, period: Period) -> dict[str, dict[str, int]]:
    """Counts per month of receipt ("YYYY-MM", Kazakhstan time)."""
    rows = (
        _appeals(period, None)
        .annotate(month=TruncMonth("received_at", tzinfo=KZ_TZ))
        .values("month")
        .annotate(
            received=Count("id"),
            answered=Count("answer"),
            answered_on_time=Count("answer", filter=Q(answer__on_time=True)),
            deemed_refusals=Count("id", filter=_deemed_refused()),
        )
        .order_by()
    )
    return {
        row["month"].strftime("%Y-%m"): {
            "received": row["received"],
            "answered": row["answered"],
            "answered_on_time": row["answered_on_time"],
            "deemed_refusals": row["deemed_refusals"],
        }
        for row in rows
    }
