"""Reads of systemic issues: an official's issues and issue page, the public issue register.

Public reads never touch a personal column: counts, the category, the region, the street-level places
of published appeals, the bodies' names, and the published appeals' redacted columns.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from tyndau.accounts.selectors import acts_for_body
from tyndau.appeals.models import GATHERING, Appeal, IssueStatus, SystemicIssue
from tyndau.appeals.selectors import PUBLIC_FIELDS
from tyndau.authorities.models import PublicBody

PAGE_SIZE = 25
# Only issues of at least two appeals are shown: one appeal alone is not a systemic issue.
SHOWN = Q(appeals_count__gte=2) & ~Q(status=IssueStatus.MERGED)
MEMBER_FIELDS = (
    "id", "number", "subject", "status", "deadline", "body_id", "applicant_id", "issue_reasons",
    "received_at", "publish_consent",
)  # fmt: skip


def issues_of_body(*, body: PublicBody, before: int | None = None, limit: int = PAGE_SIZE) -> list[SystemicIssue]:
    """A body's issues: those owing an answer first, by its due date, then the newest; never by counts."""
    qs = SystemicIssue.objects.filter(SHOWN, body=body).select_related("category", "region")
    if before:
        qs = qs.filter(id__lt=before)
    owed = [IssueStatus.OWED, IssueStatus.OVERDUE]
    first = list(qs.filter(status__in=owed).order_by("answer_due", "id")[:limit]) if not before else []
    rest = list(qs.exclude(status__in=owed).order_by("-id")[: limit - len(first)])
    return first + rest


def issue_for_official(user: Any, pk: int) -> SystemicIssue:
    """The issue if `user` acts for its body; 404 otherwise."""
    issue = SystemicIssue.objects.select_related("body", "category", "region").filter(pk=pk).first()
    if issue is None or not acts_for_body(user, issue.body_id):
        raise Http404
    return issue


def members(issue: SystemicIssue) -> list[Appeal]:
    """The issue's appeals for its body's officials, oldest first (subjects only of their own body's)."""
    return list(Appeal.objects.filter(issue=issue).only(*MEMBER_FIELDS).order_by("received_at", "id"))


def merge_choices(issue: SystemicIssue) -> list[SystemicIssue]:
    """The body's other issues still gathering appeals, newest first."""
    return list(
        SystemicIssue.objects.filter(body_id=issue.body_id, status__in=GATHERING)
        .exclude(pk=issue.pk)
        .select_related("category", "region")
        .order_by("-last_at")[:50]
    )


def body_names(issue: SystemicIssue) -> list[PublicBody]:
    return list(PublicBody.objects.filter(pk__in=issue.bodies or []).order_by("level", "slug"))


def issue_of_appeal(appeal: Appeal) -> SystemicIssue | None:
    """The issue an appeal belongs to, if it has grown to two appeals or more."""
    if appeal.issue_id is None:
        return None
    return SystemicIssue.objects.filter(SHOWN, pk=appeal.issue_id).first()


def issues_by_id(ids: set[int]) -> dict[int, SystemicIssue]:
    """Issues of a queue page's rows, in one query (the queue stays ordered by deadline)."""
    if not ids:
        return {}
    return {
        i.pk: i
        for i in SystemicIssue.objects.filter(SHOWN, pk__in=ids).only("id", "citizens", "appeals_count", "status")
    }


def public_issues(
    *, region: int | None = None, body: int | None = None, before: int | None = None, limit: int = PAGE_SIZE
) -> list[SystemicIssue]:
    """The public register of systemic issues, newest first (keyset pagination, no COUNT)."""
    qs = SystemicIssue.objects.filter(SHOWN).select_related("category", "region", "body")
    if region:
        qs = qs.filter(region_id=region)
    if body:
        qs = qs.filter(body_id=body)
    if before:
        qs = qs.filter(id__lt=before)
    return list(qs.order_by("-id")[:limit])


def public_issue(pk: int) -> SystemicIssue:
    issue = SystemicIssue.objects.filter(pk=pk).select_related("category", "region", "body").first()
    if issue is None or (issue.status != IssueStatus.MERGED and issue.appeals_count < 2):
        raise Http404
    return issue


def public_members(issue: SystemicIssue, *, limit: int = 100) -> list[Appeal]:
    """The issue's published appeals (redacted columns only); unpublished ones only count."""
    return list(
        Appeal.objects.filter(issue=issue, publish_consent=True)
        .select_related("body", "region", "category")
        .only(*PUBLIC_FIELDS)
        .order_by("-id")[:limit]
    )


def owed_answers(*, body_ids: list[int] | None = None) -> QuerySet[SystemicIssue]:
    """Issues owing or overdue a public answer (for the scorecard)."""
    qs = SystemicIssue.objects.filter(status__in=[IssueStatus.OWED, IssueStatus.OVERDUE])
    return qs.filter(body_id__in=body_ids) if body_ids is not None else qs
