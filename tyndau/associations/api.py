"""JSON API and open data of public associations, mounted at /api/v1/associations/.

GET /registry, /registry.csv — the public registry (JSON, CSV); no personal data.
GET /registry/{number} — one association's record: every submitted version (hash, author role),
every decision with its grounds, cited clauses and proposals.
GET /registry/{number}/versions/{version} — one version's clauses with the diff from the previous one.
GET /mine — the signed-in person's applications (session auth).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router, Schema
from ninja.security import django_auth
from pydantic import Field

from tyndau.associations import selectors
from tyndau.associations.models import Application, CharterVersion, Review
from tyndau.core.bounds import csv_cell

router = Router(tags=["associations"])

MAX_ID = 2**31 - 1


class ApplicationOut(Schema):
    number: str
    form: str
    form_label: str
    name_kk: str
    name_ru: str
    status: str
    status_label: str
    round: int
    registering_body_id: int
    registering_body: str
    submitted_at: dt.datetime | None
    review_due: dt.date | None
    decided_at: dt.datetime | None
    bin: str
    registered_version: int | None


class VersionOut(Schema):
    number: int
    round: int | None
    # "applicant" or "association" — never the registering body.
    author: str
    amendment: int | None
    submitted_at: dt.datetime | None
    content_hash: str


class CitationOut(Schema):
    ground: str
    clause: str
    reason: str


class ProposalOut(Schema):
    clause: str
    comment: str
    wording_kk: str
    wording_ru: str
    response: str


class ReviewOut(Schema):
    round: int
    amendment: int | None
    outcome: str
    version: int
    version_hash: str
    created_at: dt.datetime
    on_time: bool
    reasons: str
    grounds: list[str]
    citations: list[CitationOut]
    proposals: list[ProposalOut]


class AmendmentOut(Schema):
    number: int
    status: str
    status_label: str
    submitted_at: dt.datetime | None
    review_due: dt.date | None
    decided_at: dt.datetime | None
    versions: list[int]


class ApplicationDetailOut(ApplicationOut):
    versions: list[VersionOut]
    reviews: list[ReviewOut]
    amendments: list[AmendmentOut]


class ClauseOut(Schema):
    number: str
    text_kk: str
    text_ru: str


class SectionOut(Schema):
    number: str
    kind: str
    title_kk: str
    title_ru: str
    clauses: list[ClauseOut]


class ChangeOut(Schema):
    clause: str
    kind: str
    old_kk: str
    new_kk: str
    old_ru: str
    new_ru: str


class VersionDetailOut(VersionOut):
    previous: int | None
    sections: list[SectionOut]
    changes: list[ChangeOut]


class NotFoundOut(Schema):
    detail: str


class RegistryQuery(Schema):
    before: Annotated[int | None, Field(None, ge=1, le=MAX_ID)]
    body: Annotated[int | None, Field(None, ge=1, le=MAX_ID)]
    status: Annotated[str | None, Field(None, max_length=30)]


class MineQuery(Schema):
    before: Annotated[int | None, Field(None, ge=1, le=MAX_ID)]


def _out(a: Application) -> dict[str, object]:
    return {
        "number": a.number,
        "form": a.form,
        "form_label": str(a.get_form_display()),
        "name_kk": a.name_kk,
        "name_ru": a.name_ru,
        "status": a.status,
        "status_label": str(a.get_status_display()),
        "round": a.round,
        "registering_body_id": a.registering_body_id,
        "registering_body": a.registering_body.name,
        "submitted_at": a.submitted_at,
        "review_due": a.review_due,
        "decided_at": a.decided_at,
        "bin": a.bin,
        "registered_version": a.registered_version.number if a.registered_version_id and a.registered_version else None,
    }


def _version(v: CharterVersion) -> dict[str, object]:
    return {
        "number": v.number,
        "round": v.round,
        "author": v.author_role,
        "amendment": v.amendment.number if v.amendment_id and v.amendment else None,
        "submitted_at": v.submitted_at,
        "content_hash": v.content_hash,
    }


def _review(r: Review) -> dict[str, object]:
    return {
        "round": r.round,
        "amendment": r.amendment.number if r.amendment_id and r.amendment else None,
        "outcome": r.outcome,
        "version": r.version.number,
        "version_hash": r.version_hash,
        "created_at": r.created_at,
        "on_time": r.on_time,
        "reasons": r.reasons,
        "grounds": [g.code for g in r.legal_grounds.all()],
        "citations": [{"ground": c.ground.code, "clause": c.clause, "reason": c.reason} for c in r.citations.all()],
        "proposals": [
            {
                "clause": p.clause,
                "comment": p.comment,
                "wording_kk": p.wording_kk,
                "wording_ru": p.wording_ru,
                "response": p.response,
            }
            for p in r.proposals.all()
        ],
    }


def _registry(filters: RegistryQuery) -> list[Application]:
    return selectors.public_registry(before=filters.before, status=filters.status, body=filters.body)


@router.get("/registry", response=list[ApplicationOut], auth=None, summary="The public registry, newest first")
def registry(request: HttpRequest, filters: Query[RegistryQuery]) -> list[dict[str, object]]:
    return [_out(a) for a in _registry(filters)]


CSV_COLUMNS = [
    "number",
    "form",
    "name_kk",
    "name_ru",
    "status",
    "round",
    "registering_body_id",
    "registering_body",
    "submitted_at",
    "review_due",
    "decided_at",
    "bin",
    "registered_version",
]


@router.get(
    "/registry.csv",
    auth=None,
    summary="The public registry as open data (CSV)",
    url_name="associations-registry-csv",
    openapi_extra={
        "responses": {
            200: {
                "description": f"CSV with a header row. Columns: {', '.join(CSV_COLUMNS)}.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def registry_csv(request: HttpRequest, filters: Query[RegistryQuery]) -> HttpResponse:
    return _csv([_out(a) for a in _registry(filters)], CSV_COLUMNS, "associations-registry.csv")


@router.get(
    "/registry/{number}",
    response={200: ApplicationDetailOut, 404: NotFoundOut},
    auth=None,
    summary="One association's public record: every version and every decision",
)
def registry_detail(request: HttpRequest, number: Annotated[str, Path(max_length=40)]) -> dict[str, object]:
    application = selectors.public_application(number[:40])
    return {
        **_out(application),
        "versions": [_version(v) for v in selectors.versions_of(application, submitted_only=True)],
        "reviews": [_review(r) for r in selectors.reviews_of(application)],
        "amendments": [
            {
                "number": m.number,
                "status": m.status,
                "status_label": str(m.get_status_display()),
                "submitted_at": m.submitted_at,
                "review_due": m.review_due,
                "decided_at": m.decided_at,
                "versions": [v.number for v in m.versions.all() if v.submitted_at],
            }
            for m in selectors.amendments_of(application)
        ],
    }


@router.get(
    "/registry/{number}/versions/{version}",
    response={200: VersionDetailOut, 404: NotFoundOut},
    auth=None,
    summary="One charter version clause by clause, with the changes from the previous one",
)
def version_detail(
    request: HttpRequest,
    number: Annotated[str, Path(max_length=40)],
    version: Annotated[int, Path(ge=1, le=MAX_ID)],
) -> dict[str, object]:
    application = selectors.public_application(number[:40])
    row = selectors.version_of(application, version)
    previous, changes = selectors.version_diff(row)
    return {
        **_version(row),
        "previous": previous.number if previous else None,
        "sections": row.content.get("sections", []),
        "changes": [
            {
                "clause": c.number,
                "kind": c.kind,
                "old_kk": c.old_kk,
                "new_kk": c.new_kk,
                "old_ru": c.old_ru,
                "new_ru": c.new_ru,
            }
            for c in changes
            if c.kind != "same"
        ],
    }


class FiguresOut(Schema):
    body_id: int
    body: str
    applications: int
    reviews: int
    registered: int
    refused: int
    corrections: int
    late: int
    median_days: float | None
    median_rounds: float | None


class GroundFiguresOut(Schema):
    body: str
    code: str
    ground: str
    refusals: int


class AllFiguresOut(Schema):
    bodies: list[FiguresOut]
    refusals_by_ground: list[GroundFiguresOut]


@router.get(
    "/figures", response=AllFiguresOut, auth=None, summary="Decisions per registering body and refusals by ground"
)
def figures(request: HttpRequest) -> dict[str, object]:
    return {
        "bodies": [{**r, "body_id": r["body_id"]} for r in selectors.registrar_figures()],
        "refusals_by_ground": selectors.refusals_by_ground(),
    }


FIGURES_COLUMNS = [
    "body_id",
    "body",
    "applications",
    "reviews",
    "registered",
    "refused",
    "corrections",
    "late",
    "median_days",
    "median_rounds",
]
GROUNDS_COLUMNS = ["body", "code", "ground", "refusals"]


def _csv(rows: list[dict[str, Any]], columns: list[str], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else csv_cell(row[c]) for c in columns])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_doc(columns: list[str]) -> dict[str, Any]:
    return {
        "responses": {
            200: {
                "description": f"CSV with a header row. Columns: {', '.join(columns)}.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    }


@router.get(
    "/figures.csv",
    auth=None,
    summary="Decisions per registering body (CSV)",
    url_name="associations-figures-csv",
    openapi_extra=_csv_doc(FIGURES_COLUMNS),
)
def figures_csv(request: HttpRequest) -> HttpResponse:
    return _csv(selectors.registrar_figures(), FIGURES_COLUMNS, "associations-figures.csv")


@router.get(
    "/refusals_by_ground.csv",
    auth=None,
    summary="Refusals per registering body and legal ground (CSV)",
    url_name="associations-grounds-csv",
    openapi_extra=_csv_doc(GROUNDS_COLUMNS),
)
def refusals_by_ground_csv(request: HttpRequest) -> HttpResponse:
    return _csv(selectors.refusals_by_ground(), GROUNDS_COLUMNS, "associations-refusals-by-ground.csv")


@router.get("/mine", response=list[ApplicationOut], auth=django_auth, summary="My applications, newest first")
def mine(request: HttpRequest, filters: Query[MineQuery]) -> list[dict[str, object]]:
    return [_out(a) for a in selectors.applications_of(request.user, before=filters.before)]
