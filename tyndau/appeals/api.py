"""JSON API of appeals, mounted at /api/v1/appeals/ (session auth).

GET /mine, GET /mine/{number} — the signed-in citizen's own appeals.
GET /queue/{body_id} — an official's work queue (404 for a body they are not a member of).
No personal data of anyone but the caller is returned.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from tyndau.appeals import selectors
from tyndau.appeals.models import Appeal

router = Router(tags=["appeals"])


class AppealOut(Schema):
    number: str
    kind: str
    status: str
    status_label: str
    subject: str
    body_id: int
    body_name: str
    category: str
    registered_on: dt.date
    deadline: dt.date
    answered_at: dt.datetime | None
    deemed_refused_on: dt.date | None
    complaint_until: dt.date | None
    priority: int


class AppealDetailOut(AppealOut):
    text: str
    answer_outcome: str | None
    answer_text: str | None


class NotFoundOut(Schema):
    detail: str


def _out(appeal: Appeal) -> dict[str, object]:
    return {
        "number": appeal.number,
        "kind": appeal.kind,
        "status": appeal.status,
        "status_label": str(appeal.get_status_display()),
        "subject": appeal.subject,
        "body_id": appeal.body_id,
        "body_name": appeal.body.name,
        "category": appeal.category.slug,
        "registered_on": appeal.registered_on,
        "deadline": appeal.deadline,
        "answered_at": appeal.answered_at,
        "deemed_refused_on": appeal.deemed_refused_on,
        "complaint_until": appeal.complaint_until,
        "priority": appeal.priority,
    }


@router.get("/mine", response=list[AppealOut], auth=django_auth, summary="My appeals, newest first")
def my_appeals(request: HttpRequest, before: int | None = None) -> list[dict[str, object]]:
    return [_out(a) for a in selectors.appeals_of(request.user, before=before)]


@router.get(
    "/mine/{number}", response={200: AppealDetailOut, 404: NotFoundOut}, auth=django_auth, summary="One of my appeals"
)
def my_appeal(request: HttpRequest, number: str) -> dict[str, object]:
    appeal = selectors.appeal_for_viewer(request.user, number)
    if appeal.applicant_id != request.user.pk:
        raise Http404
    answer = getattr(appeal, "answer", None)
    return {
        **_out(appeal),
        "text": appeal.text,
        "answer_outcome": answer.outcome if answer else None,
        "answer_text": answer.text if answer else None,
    }


@router.get(
    "/queue/{body_id}",
    response={200: list[AppealOut], 404: NotFoundOut},
    auth=django_auth,
    summary="An official's work queue: deadline first (overdue first), then need",
)
def queue(request: HttpRequest, body_id: int, page: int = 1, overdue: bool = False) -> list[dict[str, object]]:
    body = selectors.body_for_official(request.user, body_id)
    rows = selectors.queue(
        body=body,
        user=request.user,
        filters=selectors.QueueFilters(overdue=overdue),
        offset=(max(page, 1) - 1) * selectors.PAGE_SIZE,
    )
    return [_out(a) for a in rows]
