"""Where an assembly takes place: a specialised place of the maslikhat (the version in force), another
place (a description and an optional map point), or a route of ordered points — and the capacity
warning (rules.OCCUPANCY: a warning the organiser confirms past, never a refusal)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tyndau.assemblies import rules
from tyndau.assemblies.errors import (
    OutsidePlaceHours,
    OverCapacity,
    PlaceNotInForce,
    PlaceOfAnotherCity,
    PlaceRequired,
    RouteInvalid,
)
from tyndau.assemblies.models import PlaceKind, PlaceStatus, PlaceVersion, SpecialisedPlace
from tyndau.authorities.models import PublicBody
from tyndau.core.calendar import local


@dataclass
class Where:
    kind: str
    description: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    version: PlaceVersion | None = None
    route: list[list[str]] = field(default_factory=list)
    over_capacity: bool = False

    def audit(self) -> dict[str, Any]:
        out: dict[str, Any] = {"place_kind": self.kind}
        if self.version is not None:
            out["place"] = self.version.place_id
            out["place_version"] = self.version.number
        if self.over_capacity:
            out["over_capacity"] = True
        if self.route:
            out["route_points"] = len(self.route)
        return out


def current_version(place: SpecialisedPlace | int) -> PlaceVersion | None:
    pk = place.pk if isinstance(place, SpecialisedPlace) else place
    return PlaceVersion.objects.filter(place_id=pk, is_current=True).select_related("place").first()


def place_serves(place: SpecialisedPlace, akimat: PublicBody) -> bool:
    """The place is in the city or district of `akimat` (its maslikhat's twin, else the same region/level)."""
    if place.akimat_id is not None:
        return place.akimat_id == akimat.pk
    maslikhat = place.maslikhat
    return maslikhat.region_id == akimat.region_id and maslikhat.level == akimat.level


def check_route(route: Sequence[tuple[Decimal, Decimal]]) -> list[list[str]]:
    if not rules.ROUTE_MIN_POINTS <= len(route) <= rules.ROUTE_MAX_POINTS:
        raise RouteInvalid()
    if any(not rules.in_kazakhstan(lat, lon) for lat, lon in route):
        raise RouteInvalid()
    return [[str(lat), str(lon)] for lat, lon in route]


def resolve_place(
    *,
    akimat: PublicBody,
    place: SpecialisedPlace | None,
    route: Sequence[tuple[Decimal, Decimal]],
    place_description: str,
    latitude: Decimal | None,
    longitude: Decimal | None,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    expected_participants: int,
    over_capacity_confirmed: bool,
) -> Where:
    description = place_description.strip()
    if place is not None:
        version = current_version(place)
        if version is None or version.status != PlaceStatus.ACTIVE:
            raise PlaceNotInForce()
        if not place_serves(version.place, akimat):
            raise PlaceOfAnotherCity()
        start, end = local(starts_at), local(ends_at)
        if start.time() < version.hours_from or end.time() > version.hours_until:
            raise OutsidePlaceHours()
        over = expected_participants > version.capacity
        if over and not over_capacity_confirmed:
            raise OverCapacity(version.capacity)
        return Where(
            kind=PlaceKind.SPECIALISED,
            description=(description or f"{version.name}, {version.public_address}")[:300],
            latitude=version.latitude,
            longitude=version.longitude,
            version=version,
            over_capacity=over,
        )
    if route:
        points = check_route(route)
        if not description:
            raise PlaceRequired()
        return Where(
            kind=PlaceKind.ROUTE,
            description=description,
            latitude=Decimal(points[0][0]),
            longitude=Decimal(points[0][1]),
            route=points,
        )
    if not description:
        raise PlaceRequired()
    return Where(kind=PlaceKind.OTHER, description=description, latitude=latitude, longitude=longitude)
