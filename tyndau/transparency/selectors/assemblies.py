"""Peaceful-assembly figures per akimat, the way a human-rights monitor asks for them.

The cohort is every notification or application registered in the period (`registered_on`, the day
the akimat's clock starts, Kazakhstan days). For those requests, per akimat: received; accepted;
accepted with conditions; another place or time proposed, and proposals the organiser accepted;
refused (and per art. 14 ground cited); held by silence (the sweep recorded no reply in time: a
notification held as notified, an application unanswered); stopped on the day (art. 18); and the
median working days from registration to the akimat's latest reply. A request counts once in each
figure however many replies it had (a proposal declined, then a refusal, counts as proposed and as
refused). Only aggregates and public identifiers: never a row about a person.

Five grouped queries over the `assembly_registered` index; the rows grow with the number of akimats
and grounds, not with the number of requests (bench/assemblies_scale.py).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tyndau.assemblies.models import Alternative, Assembly, Decision, Procedure
from tyndau.authorities.models import LegalGround, PublicBody
from tyndau.core.calendar import KZ_TZ
from tyndau.transparency.selectors.period import DayCounts, Period, bar_width, cached, localized, rate

COUNT_FIELDS = (
    "received",
    "notifications",
    "applications",
    "accepted",
    "accepted_with_conditions",
    "alternatives_proposed",
    "alternatives_accepted",
    "refused",
    "held_as_notified",
    "unanswered",
    "stopped",
    "withdrawn",
    "replied",
)


def _cohort(period: Period, akimat_id: int | None = None) -> QuerySet[Assembly]:
    qs = Assembly.objects.filter(registered_on__gte=period.date_from, registered_on__lte=period.date_to)
    return qs if akimat_id is None else qs.filter(akimat_id=akimat_id)


def _in_cohort(period: Period, akimat_id: int | None = None) -> Q:
    q = Q(assembly__registered_on__gte=period.date_from, assembly__registered_on__lte=period.date_to)
    return q if akimat_id is None else q & Q(assembly__akimat_id=akimat_id)


def _counts(period: Period, akimat_id: int | None) -> dict[int, dict[str, int]]:
    result: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNT_FIELDS, 0))
    silent = Q(deemed_silent_at__isnull=False)
    for base in (
        _cohort(period, akimat_id)
        .values("akimat_id")
        .annotate(
            received=Count("id"),
            notifications=Count("id", filter=Q(procedure=Procedure.NOTIFICATION)),
            applications=Count("id", filter=Q(procedure=Procedure.APPLICATION)),
            held_as_notified=Count("id", filter=silent & Q(procedure=Procedure.NOTIFICATION)),
            unanswered=Count("id", filter=silent & Q(procedure=Procedure.APPLICATION)),
            withdrawn=Count("id", filter=Q(status="withdrawn")),
            replied=Count("id", filter=Q(decided_at__isnull=False)),
        )
        .order_by()
    ):
        figures_of: dict[str, Any] = dict(base)
        result[figures_of.pop("akimat_id")].update(figures_of)
    kinds: dict[str, str] = {
        Decision.Kind.ACCEPT: "accepted",
        Decision.Kind.ACCEPT_WITH_CONDITIONS: "accepted_with_conditions",
        Decision.Kind.REFUSE: "refused",
        Decision.Kind.STOP: "stopped",
    }
    for decided in (
        Decision.objects.filter(_in_cohort(period, akimat_id))
        .values("assembly__akimat_id", "kind")
        .annotate(n=Count("assembly_id", distinct=True))
        .order_by()
    ):
        result[decided["assembly__akimat_id"]][kinds[decided["kind"]]] = decided["n"]
    for row in (
        Alternative.objects.filter(_in_cohort(period, akimat_id))
        .values("assembly__akimat_id")
        .annotate(
            proposed=Count("assembly_id", distinct=True),
            accepted=Count("assembly_id", distinct=True, filter=Q(response=Alternative.Response.ACCEPTED)),
        )
        .order_by()
    ):
        counts = result[row["assembly__akimat_id"]]
        counts["alternatives_proposed"], counts["alternatives_accepted"] = row["proposed"], row["accepted"]
    return dict(result)


def _reply_days(period: Period, akimat_id: int | None) -> dict[int, DayCounts]:
    """Working days from registration to the akimat's latest reply, grouped by (registered, replied)."""
    rows = (
        _cohort(period, akimat_id)
        .filter(decided_at__isnull=False)
        .annotate(replied_on=TruncDate("decided_at", tzinfo=KZ_TZ))
        .values("akimat_id", "registered_on", "replied_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    memo: dict[Any, int] = {}
    result: dict[int, DayCounts] = defaultdict(DayCounts.empty)
    for row in rows:
        result[row["akimat_id"]].add(row["registered_on"], row["replied_on"], row["n"], memo)
    return dict(result)


def _grounds(period: Period, akimat_id: int | None) -> dict[int, dict[int, int]]:
    """Refusals per akimat and art. 14 ground (a refusal citing two grounds counts under each)."""
    result: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (
        Decision.objects.filter(_in_cohort(period, akimat_id), kind=Decision.Kind.REFUSE)
        .values("assembly__akimat_id", "legal_grounds")
        .annotate(n=Count("assembly_id", distinct=True))
        .order_by()
    )
    for row in rows:
        if row["legal_grounds"] is not None:
            result[row["assembly__akimat_id"]][row["legal_grounds"]] = row["n"]
    return dict(result)


def figures(counts: dict[str, int], days: DayCounts | None) -> dict[str, Any]:
    result: dict[str, Any] = {field: counts.get(field, 0) for field in COUNT_FIELDS}
    result["refusal_rate"] = rate(result["refused"], result["received"])
    result["silence_rate"] = rate(result["held_as_notified"] + result["unanswered"], result["received"])
    result["median_reply_working_days"] = (days or DayCounts.empty()).medians()["median_working_days"]
    return result


def _ground_rows(ids: set[int]) -> dict[int, dict[str, Any]]:
    return {
        g["id"]: dict(g)
        for g in LegalGround.objects.filter(pk__in=ids).values(
            "id", "code", "law", "article", "text_kk", "text_ru", "text_en"
        )
    }


def _body_rows(ids: set[int]) -> dict[int, dict[str, Any]]:
    return {
        b["id"]: dict(b)
        for b in PublicBody.objects.filter(pk__in=ids).values(
            "id", "slug", "name_kk", "name_ru", "name_en", "region__iso_code"
        )
    }


def assembly_figures(*, period: Period, akimat_id: int | None = None) -> dict[str, Any]:
    """Totals, one row per akimat that received a request, and refusals per ground. Cached.

    Rows carry ids and trilingual names; the caller picks the language (`localized`)."""

    def compute() -> dict[str, Any]:
        counts = _counts(period, akimat_id)
        days = _reply_days(period, akimat_id)
        grounds = _grounds(period, akimat_id)
        bodies = _body_rows(set(counts))
        ground_info = _ground_rows({g for per in grounds.values() for g in per})
        total_counts = {f: sum(c[f] for c in counts.values()) for f in COUNT_FIELDS}
        total_days = DayCounts.empty()
        for value in days.values():
            total_days.working.update(value.working)
            total_days.calendar.update(value.calendar)
        by_ground: dict[int, int] = defaultdict(int)
        for per in grounds.values():
            for ground_id, n in per.items():
                by_ground[ground_id] += n
        akimats = []
        for body_id, body_counts in counts.items():
            body = bodies[body_id]
            akimats.append(
                {
                    "body_id": body_id,
                    "body": body["slug"],
                    "region": body["region__iso_code"] or "",
                    "name_kk": body["name_kk"],
                    "name_ru": body["name_ru"],
                    "name_en": body["name_en"],
                    **figures(body_counts, days.get(body_id)),
                    "refused_by_ground": [
                        {**_ground_public(ground_info[g]), "refused": n}
                        for g, n in sorted(
                            grounds.get(body_id, {}).items(), key=lambda item: ground_info[item[0]]["code"]
                        )
                    ],
                }
            )
        akimats.sort(key=lambda row: row["body"])
        return {
            "total": figures(total_counts, total_days),
            "akimats": akimats,
            "by_ground": sorted(
                ({**_ground_public(ground_info[g]), "refused": n} for g, n in by_ground.items()),
                key=lambda row: (-row["refused"], row["ground"]),
            ),
        }

    return cached(f"assemblies-{akimat_id or 'all'}", period, compute)


def _ground_public(ground: dict[str, Any]) -> dict[str, Any]:
    return {
        "ground": ground["code"],
        "law": ground["law"],
        "article": ground["article"],
        "text_kk": ground["text_kk"],
        "text_ru": ground["text_ru"],
        "text_en": ground["text_en"],
    }


# The outcome figures of the totals chart, in the order of the procedure.
OUTCOME_LABELS = (
    ("received", _("Received")),
    ("accepted", _("Accepted")),
    ("accepted_with_conditions", _("Accepted with conditions")),
    ("alternatives_proposed", _("Another place or time proposed")),
    ("alternatives_accepted", _("Proposal accepted by the organiser")),
    ("refused", pgettext_lazy("assemblies figure", "Refused")),
    ("held_as_notified", _("Held as notified (no reply in time)")),
    ("unanswered", _("Applications left unanswered")),
    ("stopped", pgettext_lazy("assemblies figure", "Stopped on the day")),
    ("withdrawn", _("Withdrawn by the organiser")),
)


def assembly_dashboard(*, period: Period) -> dict[str, Any]:
    """The figures of the public dashboard, labelled in the active language, with bar widths."""
    data = assembly_figures(period=period)
    total = data["total"]
    top = max((total[key] for key, _label in OUTCOME_LABELS), default=0)
    outcomes = [
        {"key": key, "label": label, "count": total[key], "bar": bar_width(total[key], top)}
        for key, label in OUTCOME_LABELS
    ]
    akimats = localized(data["akimats"], "name")
    top_received = max((row["received"] for row in akimats), default=0)
    for row in akimats:
        row["bar"] = bar_width(row["received"], top_received)
        row["refused_by_ground"] = localized(row["refused_by_ground"], "text")
    by_ground = localized(data["by_ground"], "text")
    top_ground = max((row["refused"] for row in by_ground), default=0)
    for row in by_ground:
        row["label"], row["count"], row["bar"] = row["text"], row["refused"], bar_width(row["refused"], top_ground)
    return {"total": total, "outcomes": outcomes, "akimats": akimats, "by_ground": by_ground}
