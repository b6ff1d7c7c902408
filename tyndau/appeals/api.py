"""JSON API of appeals, mounted at /api/v1/appeals/ (session auth).

GET /mine, GET /mine/{number} — the signed-in citizen's own appeals.
GET /queue/{body_id} — an official's work queue (404 for a body they are not a member of).
GET /issues, GET /issues/{issue_id} — the public register of systemic issues (counts, no personal data).
GET /nearby?latitude=&longitude=&radius_km= — published appeals around a point in Kazakhstan (public;
points at public precision, 422 with a translated message for a point outside Kazakhstan).
GET /routing/suggest — the competent body and category suggested for an appeal being written (docs/routing.md).
No personal data of anyone but the caller is returned.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from tyndau.appeals import selectors
from tyndau.appeals.models import Appeal, SystemicIssue
from tyndau.appeals.routing import suggest
from tyndau.appeals.systemic import selectors as issue_selectors
from tyndau.core.bounds import CODE, ID, PAGE, SEARCH, coordinate
from tyndau.core.maps import NEARBY_RADII_KM

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
    issue_id: int | None
    # Issue 13: filed on behalf of a legal entity (its name and BIN; empty for a person's own appeal).
    entity_name: str
    entity_bin: str


class AppealDetailOut(AppealOut):
    text: str
    answer_outcome: str | None
    answer_text: str | None


class NotFoundOut(Schema):
    detail: str


class NearbyOut(Schema):
    number: str
    status: str
    category: str
    body_name: str
    latitude: float
    longitude: float
    distance_km: float
    url: str


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
        "issue_id": appeal.issue_id,
        "entity_name": appeal.entity_name,
        "entity_bin": appeal.entity_bin,
    }


@router.get("/mine", response=list[AppealOut], auth=django_auth, summary="My appeals, newest first")
def my_appeals(request: HttpRequest, before: ID | None = None) -> list[dict[str, object]]:
    return [_out(a) for a in selectors.appeals_of(request.user, before=before)]


@router.get(
    "/mine/{number}", response={200: AppealDetailOut, 404: NotFoundOut}, auth=django_auth, summary="One of my appeals"
)
def my_appeal(request: HttpRequest, number: CODE) -> dict[str, object]:
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
def queue(request: HttpRequest, body_id: ID, page: PAGE = 1, overdue: bool = False) -> list[dict[str, object]]:
    body = selectors.body_for_official(request.user, body_id)
    rows = selectors.queue(
        body=body,
        user=request.user,
        filters=selectors.QueueFilters(overdue=overdue),
        offset=(page - 1) * selectors.PAGE_SIZE,
    )
    return [_out(a) for a in rows]


class IssueOut(Schema):
    id: int
    status: str
    status_label: str
    citizens: int
    appeals: int
    published_appeals: int
    category: str
    region: str
    body: str
    first_at: dt.datetime
    last_at: dt.datetime
    answer_due: dt.date | None
    answered_at: dt.datetime | None
    answered_on_time: bool | None


class IssueDetailOut(IssueOut):
    places: list[str]
    bodies: list[str]
    answer_text: str
    published: list[str]


def _issue_out(issue: SystemicIssue) -> dict[str, object]:
    return {
        "id": issue.pk,
        "status": issue.status,
        "status_label": str(issue.get_status_display()),
        "citizens": issue.citizens,
        "appeals": issue.appeals_count,
        "published_appeals": issue.published_count,
        "category": issue.category.slug,
        "region": issue.region.iso_code,
        "body": issue.body.slug,
        "first_at": issue.first_at,
        "last_at": issue.last_at,
        "answer_due": issue.answer_due,
        "answered_at": issue.answered_at,
        "answered_on_time": issue.answered_on_time,
    }


@router.get(
    "/issues",
    response=list[IssueOut],
    auth=None,
    summary="Systemic issues, newest first: distinct citizens and appeals, no personal data",
)
def issues(
    request: HttpRequest, before: ID | None = None, region: ID | None = None, body: ID | None = None
) -> list[dict[str, object]]:
    return [_issue_out(i) for i in issue_selectors.public_issues(region=region, body=body, before=before)]


@router.get(
    "/issues/{issue_id}",
    response={200: IssueDetailOut, 404: NotFoundOut},
    auth=None,
    summary="One systemic issue: its places (street level), bodies, public answer and published appeals",
)
def issue(request: HttpRequest, issue_id: ID) -> dict[str, object]:
    found = issue_selectors.public_issue(issue_id)
    return {
        **_issue_out(found),
        "places": list(found.places or []),
        "bodies": [b.slug for b in issue_selectors.body_names(found)],
        "answer_text": found.answer_text if found.answered_at else "",
        "published": [a.number for a in issue_selectors.public_members(found)],
    }


COORDINATE_TEXT = Annotated[str, Field(max_length=40)]


@router.get(
    "/nearby",
    # 422 {"detail": the reason} for a point outside Kazakhstan, like ninja's own 422 for a malformed one:
    # not declared, as its two shapes (a text, a list) differ.
    response=list[NearbyOut],
    auth=None,
    summary="Published appeals near a point in Kazakhstan, nearest first",
)
def nearby(
    request: HttpRequest,
    latitude: COORDINATE_TEXT,
    longitude: COORDINATE_TEXT,
    radius_km: Annotated[int, Field(ge=1, le=max(NEARBY_RADII_KM))] = 5,
) -> list[dict[str, object]]:
    try:
        lat, lon = coordinate(latitude, "latitude"), coordinate(longitude, "longitude")
    except ValidationError as exc:
        raise HttpError(422, " ".join(str(m) for m in exc.messages)) from None
    found = selectors.published_near(latitude=float(lat), longitude=float(lon), radius_km=radius_km)
    return [
        {
            "number": near.appeal.number,
            "status": near.appeal.status,
            "category": near.appeal.category.slug,
            "body_name": near.appeal.body.name,
            "latitude": float(near.point.latitude),
            "longitude": float(near.point.longitude),
            "distance_km": near.distance_km,
            "url": reverse("appeals:register_detail", args=[near.appeal.number]),
        }
        for near in found
    ]


SUGGEST_TEXT = Annotated[str, Field(max_length=suggest.TEXT_LIMIT)]


class SuggestedBodyOut(Schema):
    id: int
    slug: str
    name: str


class SuggestedCategoryOut(Schema):
    slug: str
    name: str


class SuggestionOut(Schema):
    body: SuggestedBodyOut | None
    category: SuggestedCategoryOut | None
    alternatives: list[SuggestedBodyOut]
    reasons: list[str]
    source: str
    model_version: str


def _body(body: object) -> dict[str, object]:
    return {"id": body.pk, "slug": body.slug, "name": body.name}  # type: ignore[attr-defined]


@router.get(
    "/routing/suggest",
    response=SuggestionOut,
    auth=django_auth,
    summary="The body (and topic) suggested for an appeal being written, with the reasons, in the request's language",
)
def routing_suggest(
    request: HttpRequest,
    text: SUGGEST_TEXT = "",
    category: CODE | None = None,
    region: CODE | None = None,
    district: SEARCH = "",
) -> dict[str, object]:
    found = suggest.suggest_by_codes(category=category, region=region, text=text, district=district)
    return {
        "body": _body(found.body) if found.body else None,
        "category": {"slug": found.category.slug, "name": found.category.name} if found.category else None,
        "alternatives": [_body(b) for b in found.alternatives],
        "reasons": found.reason_texts(),
        "source": found.source,
        "model_version": found.model_version,
    }
