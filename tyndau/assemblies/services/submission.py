"""The organiser's side: notify or apply (arts. 10, 12), withdraw, answer a proposal, say what happened."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tyndau.accounts.models import Role
from tyndau.accounts.selectors import is_verified_citizen
from tyndau.assemblies import rules
from tyndau.assemblies.errors import (
    EndBeforeStart,
    EventAlreadyStarted,
    IdempotencyKeyTaken,
    InvalidTransition,
    NotAnAkimat,
    OrganiserNotEligible,
    OutsideKazakhstan,
    OutsidePermittedHours,
    TooLate,
)
from tyndau.assemblies.models import Alternative, Assembly, AssemblyDraft, SpecialisedPlace, Status
from tyndau.assemblies.services._common import (
    check_transition,
    earliest_on_time,
    lock,
    new_number,
    reply_due,
    require_organiser,
    tell_organiser,
)
from tyndau.assemblies.services.organisers import check_draft, check_organiser
from tyndau.assemblies.services.where import resolve_place
from tyndau.audit.services import record_event
from tyndau.authorities.models import PublicBody
from tyndau.core.calendar import local, local_today, registration_date, working_days_after


def can_organise(user: Any) -> bool:
    """A verified citizen, or an organisation's representative (art. 2: adult citizens or a legal entity)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_verified_citizen(user) or user.has_any_role(Role.ORGANISATION)


def validate_place_and_time(
    *, starts_at: dt.datetime, ends_at: dt.datetime, latitude: Decimal | None, longitude: Decimal | None
) -> None:
    if ends_at <= starts_at:
        raise EndBeforeStart()
    start, end = local(starts_at), local(ends_at)
    opens, closes = rules.permitted_hours()
    if start.date() != end.date() or start.time() < opens or end.time() > closes:
        raise OutsidePermittedHours()
    if (latitude is None) != (longitude is None):
        raise OutsideKazakhstan()
    if latitude is not None and longitude is not None and not rules.in_kazakhstan(latitude, longitude):
        raise OutsideKazakhstan()


def assembly_notify(
    *,
    actor: Any,
    idempotency_key: uuid.UUID | str,
    form: str,
    akimat: PublicBody,
    purpose: str,
    place_description: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    expected_participants: int,
    steward_name: str,
    steward_phone: str,
    means: Sequence[str] = (),
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    organisation_name: str = "",
    language: str = "kk",
    received_at: dt.datetime | None = None,
    place: SpecialisedPlace | None = None,
    route: Sequence[tuple[Decimal, Decimal]] = (),
    over_capacity_confirmed: bool = False,
    organisation_bin: str = "",
    draft: AssemblyDraft | None = None,
    on_behalf: dict[str, Any] | None = None,
) -> Assembly:
    """Register a notification (meeting, rally, picket) or an application (demonstration, march) and
    send the receipt. A repeated idempotency key returns the first request. `received_at` (never later
    than now) is for a paper notification entered later or an import: the clock runs from receipt.
    `on_behalf` (tyndau.intermediaries): an accredited intermediary submits for the present citizen, who is
    `actor` and the organiser; the intermediary's id, role and consent go into the audit event."""
    key = uuid.UUID(str(idempotency_key))
    existing = Assembly.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.organiser_id != getattr(actor, "pk", None):
            raise IdempotencyKeyTaken()
        return existing
    if not can_organise(actor):
        raise OrganiserNotEligible()
    if akimat.kind != PublicBody.Kind.AKIMAT or not akimat.is_active:
        raise NotAnAkimat()
    validate_place_and_time(starts_at=starts_at, ends_at=ends_at, latitude=latitude, longitude=longitude)
    if not actor.has_any_role(Role.ORGANISATION):
        organisation_name = ""
    organisation_bin = check_organiser(
        actor,
        event_day=local(starts_at).date(),
        organisation_name=organisation_name,
        organisation_bin=organisation_bin,
    )
    where = resolve_place(
        akimat=akimat,
        place=place,
        route=route,
        place_description=place_description,
        latitude=latitude,
        longitude=longitude,
        starts_at=starts_at,
        ends_at=ends_at,
        expected_participants=expected_participants,
        over_capacity_confirmed=over_capacity_confirmed,
    )
    if draft is not None:
        check_draft(actor, draft)
    now = min(received_at or timezone.now(), timezone.now())
    registered_on = registration_date(now)
    earliest = earliest_on_time(form, registered_on)
    if local(starts_at).date() < earliest:
        raise TooLate(earliest)
    rule = rules.form_rule(form)
    try:
        with transaction.atomic():
            assembly = Assembly.objects.create(
                number=new_number(registered_on),
                idempotency_key=key,
                form=form,
                procedure=rule.procedure,
                status=Status.SUBMITTED,
                organiser=actor,
                organisation_name=organisation_name.strip(),
                akimat=akimat,
                purpose=purpose.strip(),
                place_description=where.description,
                latitude=where.latitude,
                longitude=where.longitude,
                place_kind=where.kind,
                place_version=where.version,
                route=where.route,
                over_capacity=where.over_capacity,
                organisation_bin=organisation_bin,
                starts_at=starts_at,
                ends_at=ends_at,
                expected_participants=expected_participants,
                means=sorted(set(means)),
                steward_name=steward_name.strip(),
                steward_phone=steward_phone.strip(),
                language=language[:2],
                submitted_at=now,
                registered_on=registered_on,
                reply_due=reply_due(form, registered_on),
            )
            record_event(
                actor=actor,
                action="assemblies.assembly.notified",
                obj=assembly,
                payload={
                    "to": assembly.status,
                    "form": form,
                    "akimat": akimat.pk,
                    "event_date": local(starts_at).date(),
                    "reply_due": assembly.reply_due,
                    **where.audit(),
                    **({"co_organisers": draft.co_organisers.count()} if draft is not None else {}),
                    **({"on_behalf": on_behalf} if on_behalf else {}),
                },
            )
            if draft is not None:
                draft.assembly = assembly
                draft.save(update_fields=["assembly"])
            tell_organiser(assembly, "submitted")
    except IntegrityError:
        # The same form sent twice at once: the other request won; return its row.
        existing = Assembly.objects.filter(idempotency_key=key).first()
        if existing is None or existing.organiser_id != actor.pk:
            raise
        return existing
    return assembly


def assembly_withdraw(*, actor: Any, assembly: Assembly | int) -> Assembly:
    """The organiser withdraws before the assembly starts."""
    with transaction.atomic():
        locked = lock(assembly)
        require_organiser(actor, locked)
        check_transition(locked, Status.WITHDRAWN)
        if timezone.now() >= locked.starts_at:
            raise EventAlreadyStarted()
        old = locked.status
        locked.status = Status.WITHDRAWN
        locked.save(update_fields=["status"])
        Alternative.objects.filter(assembly=locked, response=Alternative.Response.PENDING).update(
            response=Alternative.Response.DECLINED, responded_at=timezone.now()
        )
        record_event(actor=actor, action="assemblies.assembly.withdrawn", obj=locked, payload={"from": old})
    return locked


def _answer_alternative(*, actor: Any, assembly: Assembly | int, to: str, response: str, action: str) -> Assembly:
    """The organiser's answer to the pending proposal: one transaction, one audit event."""
    with transaction.atomic():
        locked = lock(assembly)
        require_organiser(actor, locked)
        check_transition(locked, to)
        alternative = locked.alternatives.filter(response=Alternative.Response.PENDING).order_by("-pk").first()
        if alternative is None:  # the status table makes this unreachable; refuse rather than guess
            raise InvalidTransition()
        alternative.response, alternative.responded_at = response, timezone.now()
        alternative.save(update_fields=["response", "responded_at"])
        locked.status = to
        fields = ["status"]
        if to == Status.SUBMITTED:
            # Declined: the original request stands and the akimat is on the clock again.
            locked.reply_due = working_days_after(local_today(), rules.term("reply_wd_after_decline"))
            fields.append("reply_due")
        locked.save(update_fields=fields)
        payload: dict[str, Any] = {"from": Status.ALTERNATIVE_PROPOSED, "to": to, "alternative": alternative.pk}
        if to == Status.SUBMITTED:
            payload["reply_due"] = locked.reply_due
        record_event(actor=actor, action=action, obj=locked, payload=payload)
    return locked


def alternative_accept(*, actor: Any, assembly: Assembly | int) -> Assembly:
    """The organiser accepts the proposed place and/or time: the assembly goes ahead there and then."""
    return _answer_alternative(
        actor=actor,
        assembly=assembly,
        to=Status.ALTERNATIVE_ACCEPTED,
        response=Alternative.Response.ACCEPTED,
        action="assemblies.alternative.accepted",
    )


def alternative_decline(*, actor: Any, assembly: Assembly | int) -> Assembly:
    """The organiser keeps the original request: the akimat is on the clock again (a new reply term)."""
    return _answer_alternative(
        actor=actor,
        assembly=assembly,
        to=Status.SUBMITTED,
        response=Alternative.Response.DECLINED,
        action="assemblies.alternative.declined",
    )
