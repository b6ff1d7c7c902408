"""The maslikhat's register of specialised places (art. 8(2)): every change is a new version.

Editors hold `Role.PLACES_EDITOR` and act for their maslikhat (`acts_for_body`, the one predicate in
accounts). Nothing is deleted: an edit, a reduction of capacity, a removal or a restoration is a new
version carrying the maslikhat decision that made it, so a place removed or shrunk stays visible.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tyndau.accounts.models import Role
from tyndau.accounts.selectors import acts_for_body
from tyndau.assemblies import rules
from tyndau.assemblies.errors import (
    DecisionRequired,
    InvalidTransition,
    NotAMaslikhat,
    NotPlacesEditor,
    OutsideKazakhstan,
    PlaceHoursInvalid,
    PlaceUnchanged,
)
from tyndau.assemblies.models import PLACE_TRANSITIONS, PlaceStatus, PlaceVersion, SpecialisedPlace
from tyndau.audit.services import record_event
from tyndau.authorities.models import PublicBody


@dataclass(frozen=True)
class PlaceData:
    """What a maslikhat decision says about a place."""

    name_kk: str
    name_ru: str
    public_address: str  # a public place: published on purpose
    latitude: Decimal
    longitude: Decimal
    capacity: int
    hours_from: dt.time
    hours_until: dt.time


@dataclass(frozen=True)
class DecisionRef:
    number: str
    date: dt.date
    url: str = ""


COMPARED = ("name_kk", "name_ru", "public_address", "latitude", "longitude", "capacity", "hours_from", "hours_until")


def may_edit_places(user: Any, maslikhat: PublicBody | int) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.has_any_role(Role.PLACES_EDITOR)
        and acts_for_body(user, maslikhat)
    )


def _require_editor(user: Any, maslikhat: PublicBody | int) -> None:
    if not may_edit_places(user, maslikhat):
        raise NotPlacesEditor()


def _clean(data: PlaceData) -> PlaceData:
    if data.hours_until <= data.hours_from:
        raise PlaceHoursInvalid()
    if not rules.in_kazakhstan(data.latitude, data.longitude):
        raise OutsideKazakhstan()
    return PlaceData(
        name_kk=data.name_kk.strip(),
        name_ru=data.name_ru.strip(),
        public_address=data.public_address.strip(),
        latitude=data.latitude,
        longitude=data.longitude,
        capacity=data.capacity,
        hours_from=data.hours_from,
        hours_until=data.hours_until,
    )


def _decision(decision: DecisionRef) -> DecisionRef:
    if not decision.number.strip() or decision.date is None:
        raise DecisionRequired()
    return DecisionRef(number=decision.number.strip(), date=decision.date, url=decision.url.strip())


def akimat_of_maslikhat(maslikhat: PublicBody) -> PublicBody | None:
    """The akimat of the same city or district: the reference data names them `<key>-maslikhat` and
    `<key>-akimat`."""
    if not maslikhat.slug.endswith("-maslikhat"):
        return None
    slug = maslikhat.slug.removesuffix("-maslikhat") + "-akimat"
    return PublicBody.objects.filter(slug=slug, kind=PublicBody.Kind.AKIMAT).first()


def _payload(version: PlaceVersion) -> dict[str, Any]:
    return {
        "version": version.number,
        "to": version.status,
        "change": version.change,
        "capacity": version.capacity,
        "decision": version.decision_number,
        "decision_date": version.decision_date,
    }


def place_create(
    *, actor: Any, maslikhat: PublicBody, data: PlaceData, decision: DecisionRef, key: uuid.UUID | None = None
) -> SpecialisedPlace:
    """Enter a place set by a maslikhat decision (version 1). A repeated `key` returns the first place."""
    if key is not None:
        existing = SpecialisedPlace.objects.filter(key=key).first()
        if existing is not None:
            return existing
    if maslikhat.kind != PublicBody.Kind.MASLIHAT or not maslikhat.is_active:
        raise NotAMaslikhat()
    _require_editor(actor, maslikhat)
    clean, ref = _clean(data), _decision(decision)
    now = timezone.now()
    try:
        with transaction.atomic():
            place = SpecialisedPlace.objects.create(
                maslikhat=maslikhat, akimat=akimat_of_maslikhat(maslikhat), key=key or uuid.uuid4(), created_at=now
            )
            version = PlaceVersion.objects.create(
                place=place,
                number=1,
                status=PlaceStatus.ACTIVE,
                change=PlaceVersion.Change.CREATED,
                decision_number=ref.number,
                decision_date=ref.date,
                decision_url=ref.url,
                created_by=actor,
                created_at=now,
                is_current=True,
                **asdict(clean),
            )
            record_event(actor=actor, action="assemblies.place.created", obj=place, payload=_payload(version))
    except IntegrityError:
        existing = SpecialisedPlace.objects.filter(key=key).first() if key else None
        if existing is None:
            raise
        return existing
    return place


def _new_version(
    *, actor: Any, place: SpecialisedPlace | int, to: str, data: PlaceData | None, decision: DecisionRef
) -> PlaceVersion:
    ref = _decision(decision)
    pk = place.pk if isinstance(place, SpecialisedPlace) else place
    with transaction.atomic():
        locked = SpecialisedPlace.objects.select_for_update().get(pk=pk)
        _require_editor(actor, locked.maslikhat_id)
        current = PlaceVersion.objects.select_for_update().get(place=locked, is_current=True)
        if to not in PLACE_TRANSITIONS.get(current.status, set()):
            raise InvalidTransition()
        values = {f: getattr(current, f) for f in COMPARED}
        if data is not None:
            values = asdict(_clean(data))
        if to == current.status == PlaceStatus.ACTIVE and all(values[f] == getattr(current, f) for f in COMPARED):
            raise PlaceUnchanged()
        if to == PlaceStatus.REMOVED:
            change = PlaceVersion.Change.REMOVED
        elif current.status == PlaceStatus.REMOVED:
            change = PlaceVersion.Change.RESTORED
        elif values["capacity"] < current.capacity:
            change = PlaceVersion.Change.SHRUNK
        elif values["capacity"] > current.capacity:
            change = PlaceVersion.Change.ENLARGED
        else:
            change = PlaceVersion.Change.EDITED
        current.is_current = False
        current.save(update_fields=["is_current"])
        version = PlaceVersion.objects.create(
            place=locked,
            number=current.number + 1,
            status=to,
            change=change,
            decision_number=ref.number,
            decision_date=ref.date,
            decision_url=ref.url,
            created_by=actor,
            created_at=timezone.now(),
            is_current=True,
            **values,
        )
        payload = {"from": current.status, **_payload(version)}
        if change in (PlaceVersion.Change.SHRUNK, PlaceVersion.Change.ENLARGED):
            payload["capacity_before"] = current.capacity
        if to == PlaceStatus.REMOVED:
            record_event(actor=actor, action="assemblies.place.removed", obj=locked, payload=payload)
        else:
            record_event(actor=actor, action="assemblies.place.changed", obj=locked, payload=payload)
    return version


def place_change(*, actor: Any, place: SpecialisedPlace | int, data: PlaceData, decision: DecisionRef) -> PlaceVersion:
    """A new version in force (changed, capacity reduced or increased, or restored after a removal)."""
    return _new_version(actor=actor, place=place, to=PlaceStatus.ACTIVE, data=data, decision=decision)


def place_remove(*, actor: Any, place: SpecialisedPlace | int, decision: DecisionRef) -> PlaceVersion:
    """The maslikhat removed the place: a last version that says so, with its decision."""
    return _new_version(actor=actor, place=place, to=PlaceStatus.REMOVED, data=None, decision=decision)
