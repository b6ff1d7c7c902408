"""Open data of e-petitions: lists, one petition (JSON or CSV), the small count.

Mounted at /api/v1/petitions/ by config/api.py. Public and read-only; nothing personal.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from tyndau.core.bounds import ID, LIMIT, OFFSET, SEARCH, csv_cell
from tyndau.petitions import selectors

router = Router(tags=["petitions"])


class RegionCountOut(Schema):
    region: str | None
    count: int


class AddresseeOut(Schema):
    slug: str
    name: str


class PetitionOut(Schema):
    id: int
    title: str
    request: str
    status: str
    addressee: AddresseeOut
    threshold: int | None
    signature_count: int
    counted_at: str | None
    opened_at: str | None
    closes_on: str | None
    listed_at: str | None
    forwarded_at: str | None
    response_due: str | None
    overdue: bool
    responded_at: str | None
    response_outcome: str | None
    response_text: str | None
    rejection_ground: str | None
    duplicate_of: int | None
    by_region: list[RegionCountOut]


class PetitionSummaryOut(Schema):
    id: int
    title: str
    status: str
    addressee: str
    threshold: int | None
    signature_count: int


class CountOut(Schema):
    id: int
    status: str
    signature_count: int
    threshold: int | None
    counted_at: str | None


class NotFoundOut(Schema):
    detail: str


class ListFilter(Schema):
    list: Literal["open", "awaiting", "responded", "closed", "rejected"] = "open"
    q: SEARCH = ""
    limit: LIMIT = 50
    offset: OFFSET = 0


@router.get("/", response=list[PetitionSummaryOut], auth=None, summary="Public petitions by list")
def list_petitions(request: HttpRequest, filters: Query[ListFilter]) -> list[dict[str, Any]]:
    """`list` is one of open, awaiting, responded, closed, rejected; `q` searches titles and requests."""
    limit, offset = filters.limit, filters.offset
    qs = selectors.petition_public_list(kind=filters.list, query=filters.q)[offset : offset + limit]
    return [
        {
            "id": p.pk,
            "title": p.title,
            "status": p.status,
            "addressee": p.addressee.slug,
            "threshold": p.threshold,
            "signature_count": p.signature_count,
        }
        for p in qs
    ]


@router.get(
    "/{petition_id}",
    response={200: PetitionOut, 404: NotFoundOut},
    auth=None,
    summary="One petition as open data (JSON)",
)
def petition_json(request: HttpRequest, petition_id: ID) -> dict[str, Any]:
    return selectors.open_data(petition=selectors.petition_public_get(pk=petition_id))


CSV_RESPONSE = {
    "responses": {
        200: {"description": "One row per region", "content": {"text/csv": {"schema": {"type": "string"}}}},
        404: {"description": "Not found"},
    }
}


@router.get(
    "/{petition_id}/csv",
    auth=None,
    summary="One petition as open data (CSV, one row per region)",
    openapi_extra=CSV_RESPONSE,
)
def petition_csv(request: HttpRequest, petition_id: ID) -> HttpResponse:
    data = selectors.open_data(petition=selectors.petition_public_get(pk=petition_id))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    fields = [
        "id",
        "title",
        "status",
        "threshold",
        "signature_count",
        "opened_at",
        "closes_on",
        "forwarded_at",
        "response_due",
        "overdue",
        "responded_at",
        "response_outcome",
        "rejection_ground",
    ]
    writer.writerow([*fields, "region", "region_count"])
    # A title is typed by a person: a cell that starts like a formula is shown as text.
    base = [csv_cell(data[f]) if data[f] is not None else "" for f in fields]
    for row in data["by_region"] or [{"region": "", "count": ""}]:
        writer.writerow([*base, csv_cell(row["region"] or ""), row["count"]])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="petition-{petition_id}.csv"'
    return response


@router.get(
    "/{petition_id}/count",
    response={200: CountOut, 404: NotFoundOut},
    auth=None,
    summary="The signature count (cached)",
)
def petition_count(request: HttpRequest, petition_id: ID) -> dict[str, Any]:
    return selectors.petition_count(pk=petition_id)
