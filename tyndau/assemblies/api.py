"""JSON API of peaceful assemblies, mounted at /api/v1/assemblies/.

GET /register, GET /register/{number} — the public register (no personal data).
GET /mine, GET /mine/{number} — the signed-in organiser's own requests (session auth).
GET /places, /places.csv, /places/versions, /places/{place_id} — the maslikhats' register of
specialised places (open data, every version kept).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Annotated

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Path, Query, Router, Schema
from ninja.security import django_auth
from pydantic import Field

from tyndau.assemblies import selectors
from tyndau.assemblies.models import Assembly, PlaceVersion
from tyndau.assemblies.services.places import COMPARED
from tyndau.core.bounds import csv_cell

router = Router(tags=["assemblies"])

MAX_ID = 2**31 - 1


class AssemblyOut(Schema):
    number: str
    form: str
    procedure: str
    status: str
    status_label: str
    akimat_id: int
    akimat_name: str
    organisation: str
    purpose: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    expected_participants: int
    registered_on: dt.date
    reply_due: dt.date


class DecisionOut(Schema):
    kind: str
    created_at: dt.datetime
    on_time: bool
    conditions: list[str]
    reasons: str
    grounds: list[str]


class AssemblyDetailOut(AssemblyOut):
    decisions: list[DecisionOut]


class MyAssemblyOut(AssemblyDetailOut):
    steward_name: str
    steward_phone: str


class NotFoundOut(Schema):
    detail: str


class RegisterQuery(Schema):
    before: Annotated[int | None, Field(None, ge=1, le=MAX_ID)]
    akimat: Annotated[int | None, Field(None, ge=1, le=MAX_ID)]


class MineQuery(Schema):
    before: Annotated[int | None, Field(None, ge=1, le=MAX_ID)]


def _out(assembly: Assembly) -> dict[str, object]:
    return {
        "number": assembly.number,
        "form": assembly.form,
        "procedure": assembly.procedure,
        "status": assembly.status,
        "status_label": str(assembly.get_status_display()),
        "akimat_id": assembly.akimat_id,
        "akimat_name": assembly.akimat.name,
        "organisation": assembly.organisation_name,
        "purpose": assembly.purpose,
        "place": assembly.place_description,
        "starts_at": assembly.starts_at,
        "ends_at": assembly.ends_at,
        "expected_participants": assembly.expected_participants,
        "registered_on": assembly.registered_on,
        "reply_due": assembly.reply_due,
    }


def _detail(assembly: Assembly) -> dict[str, object]:
    decisions = [
        {
            "kind": d.kind,
            "created_at": d.created_at,
            "on_time": d.on_time,
            "conditions": list(d.conditions),
            "reasons": d.reasons,
            "grounds": [g.code for g in d.legal_grounds.all()],
        }
        for d in selectors.decisions_of(assembly)
    ]
    return {**_out(assembly), "decisions": decisions}


@router.get("/register", response=list[AssemblyOut], auth=None, summary="The public register, newest first")
def register(request: HttpRequest, filters: Query[RegisterQuery]) -> list[dict[str, object]]:
    return [_out(a) for a in selectors.public_register(before=filters.before, akimat=filters.akimat)]


@router.get(
    "/register/{number}",
    response={200: AssemblyDetailOut, 404: NotFoundOut},
    auth=None,
    summary="One request's public record with the akimat's decisions",
)
def register_detail(request: HttpRequest, number: Annotated[str, Path(max_length=40)]) -> dict[str, object]:
    return _detail(selectors.public_assembly(number[:40]))


@router.get("/mine", response=list[AssemblyOut], auth=django_auth, summary="My requests, newest first")
def mine(request: HttpRequest, filters: Query[MineQuery]) -> list[dict[str, object]]:
    return [_out(a) for a in selectors.assemblies_of(request.user, before=filters.before)]


@router.get(
    "/mine/{number}", response={200: MyAssemblyOut, 404: NotFoundOut}, auth=django_auth, summary="One of my requests"
)
def my_assembly(request: HttpRequest, number: Annotated[str, Path(max_length=40)]) -> dict[str, object]:
    assembly = selectors.assembly_for_viewer(request.user, number[:40])
    if assembly.organiser_id != request.user.pk:
        raise Http404
    return {**_detail(assembly), "steward_name": assembly.steward_name, "steward_phone": assembly.steward_phone}


# --- The maslikhat's register of specialised places: open data (art. 8(2)) ----------------------------

PLACE_COLUMNS = (
    *("place_id", "version", "status", "change", "maslikhat_id", "maslikhat", "akimat_id"),
    *(c.removeprefix("public_") for c in COMPARED),
    *("decision_number", "decision_date", "decision_url", "is_current"),
)


class PlaceOut(Schema):
    place_id: int
    version: int
    status: str
    change: str
    maslikhat_id: int
    maslikhat: str
    akimat_id: int | None
    name_kk: str
    name_ru: str
    address: str
    latitude: float
    longitude: float
    capacity: int
    hours_from: str = Field(description="HH:MM, local time (Asia/Almaty)")
    hours_until: str = Field(description="HH:MM, local time (Asia/Almaty)")
    decision_number: str
    decision_date: dt.date
    decision_url: str
    is_current: bool


class PlacesQuery(Schema):
    maslikhat: Annotated[int | None, Field(None, ge=1, le=MAX_ID)]


class VersionsQuery(Schema):
    maslikhat: Annotated[int | None, Field(None, ge=1, le=MAX_ID)]
    after: Annotated[int | None, Field(None, ge=1, le=MAX_ID)]


def _place(v: PlaceVersion) -> dict[str, object]:
    return {
        "place_id": v.place_id,
        "version": v.number,
        "status": v.status,
        "change": v.change,
        "maslikhat_id": v.place.maslikhat_id,
        "maslikhat": v.place.maslikhat.name,
        "akimat_id": v.place.akimat_id,
        "name_kk": v.name_kk,
        "name_ru": v.name_ru,
        "address": v.public_address,
        "latitude": float(v.latitude),
        "longitude": float(v.longitude),
        "capacity": v.capacity,
        "hours_from": f"{v.hours_from:%H:%M}",
        "hours_until": f"{v.hours_until:%H:%M}",
        "decision_number": v.decision_number,
        "decision_date": v.decision_date,
        "decision_url": v.decision_url,
        "is_current": v.is_current,
    }


@router.get(
    "/places",
    response=list[PlaceOut],
    auth=None,
    summary="Specialised places: the version in force of each (removed places too, with their decision)",
)
def places(request: HttpRequest, filters: Query[PlacesQuery]) -> list[dict[str, object]]:
    return [_place(v) for v in selectors.current_places(maslikhat=filters.maslikhat)]


@router.get(
    "/places.csv",
    auth=None,
    summary="Specialised places as CSV (the version in force of each)",
    openapi_extra={
        "responses": {
            200: {
                "description": f"CSV with a header row. Columns: {', '.join(PLACE_COLUMNS)}.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def places_csv(request: HttpRequest, filters: Query[PlacesQuery]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PLACE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for v in selectors.current_places(maslikhat=filters.maslikhat):
        writer.writerow({k: "" if val is None else csv_cell(val) for k, val in _place(v).items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tyndau-specialised-places.csv"'
    return response


@router.get(
    "/places/versions",
    response=list[PlaceOut],
    auth=None,
    summary="Every version of every specialised place, oldest first (page with ?after=<last id>)",
)
def place_history(request: HttpRequest, filters: Query[VersionsQuery]) -> list[dict[str, object]]:
    return [_place(v) for v in selectors.all_place_versions(maslikhat=filters.maslikhat, after=filters.after)]


@router.get(
    "/places/{place_id}",
    response={200: list[PlaceOut], 404: NotFoundOut},
    auth=None,
    summary="One specialised place: every version, newest first",
)
def place_detail(request: HttpRequest, place_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> list[dict[str, object]]:
    return [_place(v) for v in selectors.place_versions(place_id)]
