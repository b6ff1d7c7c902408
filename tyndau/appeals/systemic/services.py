"""Writes of systemic issues: grouping as appeals arrive, split and merge by officials, the public
answer owed once enough distinct citizens raise the problem, and the sweep of overdue answers.

Every change runs in one transaction with its audit event (`appeals.issue.*`); the counts on the
issue are refreshed in the same transaction, so lists never count on read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from tyndau.accounts.selectors import acts_for_body
from tyndau.appeals import rules
from tyndau.appeals.errors import InvalidTransition, IssueClosed, MergeSameIssue, PermissionDenied, SplitNeedsSome
from tyndau.appeals.models import GATHERING, ISSUE_TRANSITIONS, Appeal, IssueStatus, SystemicIssue
from tyndau.appeals.systemic.matching import Case, Params, best_match, place_key, words
from tyndau.audit.services import record_event
from tyndau.authorities.models import Category
from tyndau.core.calendar import local_today, working_days_after
from tyndau.core.redaction import redact
from tyndau.notifications.services import notify

MAX_PLACES = 20  # street-level places shown on an issue
PUBLISHED = Q(publish_consent=True)


def case_of(appeal: Appeal, category: str) -> Case:
    return Case(
        key=appeal.pk,
        category=category,
        region=appeal.region_id,
        received_at=appeal.received_at,
        words=words(f"{appeal.subject} {appeal.text}"),
        lat=float(appeal.latitude) if appeal.latitude is not None else None,
        lon=float(appeal.longitude) if appeal.longitude is not None else None,
        place=place_key(appeal.address),
        issue=appeal.issue_id,
    )


# What matching reads of a recent appeal.
CANDIDATE_FIELDS = (
    "id", "subject", "text", "address", "latitude", "longitude", "received_at", "region_id", "category_id",
    "issue_id",
)  # fmt: skip


def _candidates(appeal: Appeal, params: Params) -> list[Case]:
    """Recent appeals of the region in a related category, newest first, not in an answered or merged
    issue. One index range scan per category (index `appeal_grouping`: region, category, received_at),
    each cut at `systemic_candidates`, rather than one scan over several categories and a sort."""
    slugs = dict(
        Category.objects.filter(slug__in=rules.related_categories(appeal.category.slug)).values_list("id", "slug")
    )
    limit = rules.term("systemic_candidates")
    window = dt.timedelta(days=params.window_days)
    found: list[Appeal] = []
    for category_id in slugs:
        found += (
            Appeal.objects.filter(
                region_id=appeal.region_id,
                category_id=category_id,
                received_at__gte=appeal.received_at - window,
                received_at__lte=appeal.received_at + window,
            )
            .exclude(pk=appeal.pk)
            .only(*CANDIDATE_FIELDS)
            .order_by("-received_at")[:limit]
        )
    found = sorted(found, key=lambda a: a.received_at, reverse=True)[:limit]
    issue_ids = {a.issue_id for a in found if a.issue_id}
    closed = set(
        SystemicIssue.objects.filter(pk__in=issue_ids).exclude(status__in=GATHERING).values_list("pk", flat=True)
        if issue_ids
        else ()
    )
    return [case_of(a, slugs[a.category_id]) for a in found if a.issue_id not in closed]


def group_appeal(*, appeal: Appeal | int) -> SystemicIssue | None:
    """Put a newly filed appeal into the systemic issue of the appeal it matches best (or into a new
    issue with that appeal). Idempotent: an appeal already grouped is left where it is."""
    pk = appeal.pk if isinstance(appeal, Appeal) else appeal
    params = Params.current()
    with transaction.atomic():
        new = Appeal.objects.select_related("category").filter(pk=pk).first()
        if new is None or new.issue_id is not None:
            return None
        match = best_match(case_of(new, new.category.slug), _candidates(new, params), params)
        if match is None:
            return None
        other_case, reasons = match
        # Both appeals locked in id order (then the issue): two groupings of a pair cannot deadlock.
        rows = {a.pk: a for a in Appeal.objects.select_for_update().filter(pk__in=[pk, other_case.key]).order_by("pk")}
        locked, other = rows.get(pk), rows.get(other_case.key)
        if locked is None or other is None or locked.issue_id is not None:
            return None  # grouped meanwhile by another run
        issue = (
            SystemicIssue.objects.select_for_update().filter(pk=other.issue_id, status__in=GATHERING).first()
            if other.issue_id
            else None
        )
        if issue is None:
            if other.issue_id is not None:
                return None  # its issue was answered or merged meanwhile: it takes no new appeals
            issue = _new_issue(other, body_id=other.body_id)
            _join(other, issue, {**reasons, "matched": locked.number})
        _join(locked, issue, {**reasons, "matched": other.number})
        refresh_issue(issue)
    return issue


def _new_issue(first: Appeal, *, body_id: int) -> SystemicIssue:
    """An issue starting from `first` (its category, region and arrival); counts follow on refresh."""
    return SystemicIssue.objects.create(
        body_id=body_id,
        category_id=first.category_id,
        region_id=first.region_id,
        first_at=first.received_at,
        last_at=first.received_at,
    )


def _join(appeal: Appeal, issue: SystemicIssue, reasons: dict[str, Any]) -> None:
    appeal.issue, appeal.issue_reasons = issue, reasons
    appeal.save(update_fields=["issue", "issue_reasons"])
    record_event(
        actor=None,
        action="appeals.issue.grouped",
        obj=appeal,
        payload={"issue": issue.pk, **{k: v for k, v in reasons.items() if k != "matched"}},
        actor_label="system",
    )


def refresh_issue(issue: SystemicIssue) -> None:
    """Recount the issue from its appeals and, once the threshold of distinct citizens is reached,
    make the public answer owed on the body's clock. Call under the issue's lock."""
    members = Appeal.objects.filter(issue=issue)
    figures = members.aggregate(
        appeals=Count("id"),
        citizens=Count("applicant_id", distinct=True),
        published=Count("id", filter=PUBLISHED),
    )
    dates = list(members.order_by("received_at").values_list("received_at", flat=True)[:1]) + list(
        members.order_by("-received_at").values_list("received_at", flat=True)[:1]
    )
    issue.appeals_count, issue.citizens = figures["appeals"], figures["citizens"]
    issue.published_count = figures["published"]
    if dates:
        issue.first_at, issue.last_at = dates[0], dates[-1]
    issue.places = sorted(
        set(members.filter(PUBLISHED).exclude(public_address="").values_list("public_address", flat=True)[:MAX_PLACES])
    )
    issue.bodies = sorted(set(members.values_list("body_id", flat=True)))
    issue.save(
        update_fields=["appeals_count", "citizens", "published_count", "first_at", "last_at", "places", "bodies"]
    )
    threshold = rules.citizens_threshold(issue.body.level)
    if issue.status == IssueStatus.OPEN and issue.citizens >= threshold:
        today = local_today()
        issue.status = IssueStatus.OWED
        issue.owed_since = today
        # Working days like an appeal's term (APPK art. 76(1) by analogy; unconfirmed, rules.py).
        issue.answer_due = working_days_after(today, rules.term("systemic_answer_wd"))
        issue.save(update_fields=["status", "owed_since", "answer_due"])
        record_event(
            actor=None,
            action="appeals.issue.answer_owed",
            obj=issue,
            payload={"citizens": issue.citizens, "threshold": threshold, "answer_due": issue.answer_due},
            actor_label="system",
        )


def _lock(issue: SystemicIssue | int, actor: Any) -> SystemicIssue:
    pk = issue.pk if isinstance(issue, SystemicIssue) else issue
    locked = SystemicIssue.objects.select_for_update().select_related("body").get(pk=pk)
    if not acts_for_body(actor, locked.body_id):
        raise PermissionDenied()
    if locked.status not in GATHERING:
        raise IssueClosed()
    return locked


def issue_split(*, actor: Any, issue: SystemicIssue | int, appeals: Sequence[int]) -> SystemicIssue:
    """Move the chosen appeals of an issue into a new issue of their own (the official judged them
    another problem). The new issue starts gathering; the old one keeps an answer already owed."""
    with transaction.atomic():
        locked = _lock(issue, actor)
        chosen = list(Appeal.objects.select_for_update().filter(issue=locked, pk__in=list(appeals)).order_by("pk"))
        if not chosen or len(chosen) >= locked.appeals_count:
            raise SplitNeedsSome()
        new = _new_issue(chosen[0], body_id=locked.body_id)
        for appeal in chosen:
            appeal.issue, appeal.issue_reasons = new, {"split_from": locked.pk}
            appeal.save(update_fields=["issue", "issue_reasons"])
        record_event(
            actor=actor,
            action="appeals.issue.split",
            obj=locked,
            payload={"new_issue": new.pk, "appeals": [a.pk for a in chosen]},
        )
        refresh_issue(locked)
        refresh_issue(new)
    return new


def issue_merge(*, actor: Any, issue: SystemicIssue | int, other: SystemicIssue | int) -> SystemicIssue:
    """Move every appeal of `other` into `issue` (the same problem); `other` is marked merged."""
    with transaction.atomic():
        target = _lock(issue, actor)
        source = _lock(other, actor)
        if source.pk == target.pk:
            raise MergeSameIssue()
        moved = list(Appeal.objects.filter(issue=source).values_list("pk", flat=True))
        Appeal.objects.filter(pk__in=moved).update(issue=target, issue_reasons={"merged_from": source.pk})
        source.status, source.merged_into = IssueStatus.MERGED, target
        source.appeals_count = source.citizens = source.published_count = 0
        source.save(update_fields=["status", "merged_into", "appeals_count", "citizens", "published_count"])
        record_event(
            actor=actor,
            action="appeals.issue.merged",
            obj=target,
            payload={"merged_issue": source.pk, "appeals": len(moved)},
        )
        refresh_issue(target)
    return target


def issue_answer(*, actor: Any, issue: SystemicIssue | int, text: str) -> SystemicIssue:
    """The body's one reasoned public answer; every applicant in the issue receives it by e-mail.
    Individual appeals keep their own terms and answers."""
    with transaction.atomic():
        locked = _lock(issue, actor)
        if IssueStatus.ANSWERED not in ISSUE_TRANSITIONS.get(locked.status, set()):
            raise InvalidTransition()
        now = timezone.now()
        locked.status = IssueStatus.ANSWERED
        locked.answer_text = redact(text.strip())
        locked.answered_at, locked.answered_by = now, actor
        locked.answered_on_time = locked.answer_due is None or local_today() <= locked.answer_due
        locked.save(update_fields=["status", "answer_text", "answered_at", "answered_by", "answered_on_time"])
        record_event(
            actor=actor,
            action="appeals.issue.answered",
            obj=locked,
            payload={"on_time": locked.answered_on_time, "citizens": locked.citizens},
        )
        applicants = _first_per_applicant(locked)
        for appeal in applicants:
            notify(to=appeal.applicant, template="appeals/email/issue_answered", context={"issue": locked})
    return locked


def _first_per_applicant(issue: SystemicIssue) -> list[Appeal]:
    """One appeal per distinct applicant: each citizen receives the answer once."""
    seen: dict[int, Appeal] = {}
    for appeal in Appeal.objects.filter(issue=issue, applicant__isnull=False).select_related("applicant"):
        seen.setdefault(int(appeal.applicant_id or 0), appeal)
    return list(seen.values())


def sweep_owed_answers() -> int:
    """Mark overdue every owed public answer whose term has passed; it counts on the body's
    scorecard. Idempotent: each row is re-checked under its lock."""
    today = local_today()
    changed = 0
    for pk in SystemicIssue.objects.filter(status=IssueStatus.OWED, answer_due__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            issue = SystemicIssue.objects.select_for_update().get(pk=pk)
            if issue.status != IssueStatus.OWED or issue.answer_due is None or issue.answer_due >= today:
                continue
            issue.status, issue.overdue_on = IssueStatus.OVERDUE, today
            issue.save(update_fields=["status", "overdue_on"])
            record_event(
                actor=None,
                action="appeals.issue.overdue",
                obj=issue,
                payload={"answer_due": issue.answer_due, "citizens": issue.citizens},
                actor_label="system",
            )
            changed += 1
    return changed
