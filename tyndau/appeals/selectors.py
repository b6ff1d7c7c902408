"""Reads of appeals: routing, the official's queue, the citizen's list, the public register, figures.

Every list is an index scan with a LIMIT (keyset pagination, no COUNT over the table), so pages do
not grow with the data (see bench/appeals_scale.py and docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tyndau.accounts.models import Membership
from tyndau.appeals.models import OPEN_STATUSES, Answer, Appeal, Complaint, ComplaintStatus, Status
from tyndau.authorities import selectors as authority_selectors
from tyndau.authorities.models import Category, PublicBody, Region
from tyndau.core.calendar import KZ_TZ, local
from tyndau.core.calendar import working_days_between as _wd_between

PAGE_SIZE = 25


def competent_body(*, category: Category, region: Region | None) -> PublicBody | None:
    """The body competent for `category` in `region` (the competence table of authorities)."""
    return authority_selectors.competent_body(category=category, region=region)


def prosecutor_for(region: Region | None) -> PublicBody | None:
    """The prosecutor's office that receives anonymous crime and security reports: the region's,
    else the nationwide one."""
    found = authority_selectors.prosecutor_for(region=region) if region is not None else None
    if found is not None:
        return found
    qs = PublicBody.objects.filter(kind=PublicBody.Kind.PROSECUTOR, is_active=True)
    return qs.filter(level=PublicBody.Level.NATIONAL).first() or qs.order_by("pk").first()


def bodies_of(user: Any) -> QuerySet[PublicBody]:
    if not getattr(user, "is_authenticated", False):
        return PublicBody.objects.none()
    return PublicBody.objects.filter(memberships__user=user, memberships__is_active=True).distinct()


def body_for_official(user: Any, body_id: int) -> PublicBody:
    """The body, if `user` is a member of it; 404 otherwise (another body's queue does not exist for them)."""
    if not Membership.objects.filter(user=user, body_id=body_id, is_active=True).exists():
        raise Http404
    return PublicBody.objects.get(pk=body_id)


def is_supervisor(user: Any, body_id: int) -> bool:
    return Membership.objects.filter(user=user, body_id=body_id, is_active=True, is_supervisor=True).exists()


def appeal_for_viewer(user: Any, number: str) -> Appeal:
    """The appeal if `user` is its applicant or a member of the body handling it (or of the higher
    body deciding its complaint); 404 otherwise."""
    appeal = (
        Appeal.objects.select_related("body", "region", "category", "applicant", "assignee")
        .filter(number=number)
        .first()
    )
    if appeal is None or not can_view(user, appeal):
        raise Http404
    return appeal


def can_view(user: Any, appeal: Appeal) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if appeal.applicant_id == user.pk:
        return True
    body_ids = {appeal.body_id}
    complaint = Complaint.objects.filter(appeal=appeal).only("higher_body_id").first()
    if complaint is not None:
        body_ids.add(complaint.higher_body_id)
    return Membership.objects.filter(user=user, body_id__in=body_ids, is_active=True).exists()


def is_handling_official(user: Any, appeal: Appeal) -> bool:
    return Membership.objects.filter(user=user, body_id=appeal.body_id, is_active=True).exists()


def appeals_of(user: Any, *, before: int | None = None, limit: int = PAGE_SIZE) -> list[Appeal]:
    qs = Appeal.objects.filter(applicant=user).select_related("body", "category").order_by("-id")
    if before:
        qs = qs.filter(id__lt=before)
    return list(qs[:limit])


@dataclass
class QueueFilters:
    status: str = ""
    category: int | None = None
    assignee: str = ""  # "" any, "me", "none"
    q: str = ""
    overdue: bool = False


def queue(
    *, body: PublicBody, user: Any, filters: QueueFilters | None = None, offset: int = 0, limit: int = PAGE_SIZE
) -> list[Appeal]:
    """The work queue of `body`: deadline first (overdue first), then need; never popularity."""
    f = filters or QueueFilters()
    qs = Appeal.objects.filter(body=body, is_open=True)
    if f.status in OPEN_STATUSES:
        qs = qs.filter(status=f.status)
    if f.category:
        qs = qs.filter(category_id=f.category)
    if f.assignee == "me":
        qs = qs.filter(assignee=user)
    elif f.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    if f.overdue:
        qs = qs.filter(deadline__lt=local_today())
    if f.q:
        term = f.q.strip()
        qs = qs.filter(Q(number__iexact=term) | Q(subject__icontains=term))
    qs = qs.select_related("category", "assignee").order_by("deadline", "-priority", "id")
    return list(qs[offset : offset + limit])


def queue_counters(*, body: PublicBody) -> dict[str, int]:
    day = local_today()
    qs = Appeal.objects.filter(body=body, is_open=True)
    return qs.aggregate(
        open=Count("id"), overdue=Count("id", filter=Q(deadline__lt=day)), due_today=Count("id", filter=Q(deadline=day))
    )


def complaints_for(*, body: PublicBody) -> dict[str, list[Complaint]]:
    base = Complaint.objects.select_related("appeal", "deciding_body")
    return {
        "to_pass": list(base.filter(deciding_body=body, status=ComplaintStatus.FILED).order_by("pass_due")[:50]),
        "to_decide": list(base.filter(higher_body=body, status=ComplaintStatus.PASSED).order_by("decision_due")[:50]),
    }


def local_today() -> dt.date:
    from django.utils import timezone

    return local(timezone.now()).date()


@dataclass
class RegisterFilters:
    q: str = ""
    region: int | None = None
    body: int | None = None
    category: int | None = None
    status: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def public_register(
    *, filters: RegisterFilters | None = None, before: int | None = None, limit: int = PAGE_SIZE
) -> list[Appeal]:
    """Consented appeals, newest first. Only redacted columns are read (`.only`)."""
    f = filters or RegisterFilters()
    qs = Appeal.objects.filter(publish_consent=True)
    for field in ("region", "body", "category"):
        value = getattr(f, field)
        if value:
            qs = qs.filter(**{f"{field}_id": value})
    if f.status in Status.values:
        qs = qs.filter(status=f.status)
    if f.date_from:
        qs = qs.filter(registered_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(registered_on__lte=f.date_to)
    if f.q:
        qs = qs.filter(public_text__icontains=f.q.strip())
    if before:
        qs = qs.filter(id__lt=before)
    qs = qs.select_related("body", "region", "category").only(*PUBLIC_FIELDS).order_by("-id")
    if f.q and connection.vendor == "postgresql":
        # A text search here is a short walk down the newest-first index until `limit` rows match.
        # On a big table PostgreSQL plans it as a parallel scan whose worker start-up costs more than
        # the walk (bench/appeals_scale.py: 12 ms serial vs 30-150 ms parallel at 1M rows).
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            return list(qs[:limit])
    return list(qs[:limit])


PUBLIC_FIELDS = (
    "id",
    "number",
    "kind",
    "status",
    "public_text",
    "public_address",
    "registered_on",
    "deadline",
    "answered_at",
    "deemed_refused_on",
    "body__id",
    "body__name_kk",
    "body__name_ru",
    "body__name_en",
    "body__slug",
    "region__id",
    "region__name_kk",
    "region__name_ru",
    "region__name_en",
    "category__id",
    "category__name_kk",
    "category__name_ru",
    "category__name_en",
    "category__slug",
    "publish_consent",
)


def public_appeal(number: str) -> Appeal:
    appeal = (
        Appeal.objects.filter(number=number, publish_consent=True)
        .select_related("body", "region", "category")
        .only(*PUBLIC_FIELDS)
        .first()
    )
    if appeal is None:
        raise Http404
    return appeal


def public_answer(appeal: Appeal) -> Answer | None:
    return Answer.objects.filter(appeal=appeal).only("outcome", "public_text", "created_at").first()


def body_figures(*, body: PublicBody | int, since: dt.date | None = None) -> dict[str, Any]:
    """Received, answered on time, overdue, deemed refusals, median working days to answer."""
    body_id = body if isinstance(body, int) else body.pk
    qs = Appeal.objects.filter(body_id=body_id)
    if since:
        qs = qs.filter(registered_on__gte=since)
    day = local_today()
    figures = qs.aggregate(
        received=Count("id"),
        overdue=Count("id", filter=Q(is_open=True, deadline__lt=day)),
        deemed_refusals=Count("id", filter=Q(status=Status.DEEMED_REFUSED) | Q(deemed_refused_on__isnull=False)),
    )
    answers = Answer.objects.filter(body_id=body_id)
    if since:
        answers = answers.filter(appeal__registered_on__gte=since)
    figures["answered"] = answers.count()
    figures["answered_on_time"] = answers.filter(on_time=True).count()
    sample = list(answers.order_by("-id").values_list("appeal__registered_on", "created_at")[:2000])
    days = [_wd_between(reg, created.astimezone(KZ_TZ).date()) for reg, created in sample]
    figures["median_days"] = statistics.median(days) if days else None
    return figures
