"""The akimat's replies (arts. 11(1), 13(1), 14) and what happened on the day (art. 18).

Each reply is a service with its audit event and an e-mail to the organiser, in one transaction.
The akimat never changes what the organiser submitted: a proposal is a separate row the organiser
accepts or declines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from tyndau.accounts.selectors import acts_for_body
from tyndau.assemblies import rules
from tyndau.assemblies.errors import (
    AlternativeNotDifferent,
    ConditionRequired,
    LegalGroundRequired,
    OnlyAkimatStops,
    OutcomeTooEarly,
    PermissionDenied,
    ProposalRequiredFirst,
    ReasonsRequired,
    StopGroundRequired,
    WrongDomainGround,
)
from tyndau.assemblies.models import Alternative, Assembly, Decision, SpecialisedPlace, Status
from tyndau.assemblies.services._common import check_transition, lock, require_akimat_official, tell_organiser
from tyndau.assemblies.services.submission import validate_place_and_time
from tyndau.assemblies.services.where import resolve_place
from tyndau.audit.services import record_event
from tyndau.authorities.models import LegalGround
from tyndau.core.calendar import local, local_today


def _decide(
    *,
    actor: Any,
    assembly: Assembly | int,
    to: str,
    kind: str,
    action: str,
    template: str,
    conditions: Sequence[str] = (),
    reasons: str = "",
    grounds: Sequence[LegalGround] = (),
) -> Assembly:
    with transaction.atomic():
        locked = lock(assembly)
        require_akimat_official(actor, locked)
        check_transition(locked, to)
        now = timezone.now()
        on_time = local_today() <= locked.reply_due
        decision = Decision.objects.create(
            assembly=locked,
            kind=kind,
            conditions=sorted(set(conditions)),
            reasons=reasons.strip(),
            decided_by=actor,
            body_id=locked.akimat_id,
            created_at=now,
            on_time=on_time,
        )
        decision.legal_grounds.set(grounds)
        old = locked.status
        locked.status, locked.decided_at = to, now
        locked.save(update_fields=["status", "decided_at"])
        payload: dict[str, Any] = {"from": old, "to": to, "on_time": on_time}
        if conditions:
            payload["conditions"] = sorted(set(conditions))
        if grounds:
            payload["grounds"] = sorted(g.code for g in grounds)
        record_event(actor=actor, action=action, obj=locked, payload=payload)
        decision.email = tell_organiser(locked, template, decision=decision)
        decision.save(update_fields=["email"])
    return locked


def assembly_accept(*, actor: Any, assembly: Assembly | int) -> Assembly:
    return _decide(
        actor=actor,
        assembly=assembly,
        to=Status.ACCEPTED,
        kind=Decision.Kind.ACCEPT,
        action="assemblies.assembly.accepted",
        template="accepted",
    )


def assembly_accept_with_conditions(
    *, actor: Any, assembly: Assembly | int, conditions: Sequence[str], reasons: str
) -> Assembly:
    """Accept with conditions from the catalogue (rules.CONDITIONS), each with its ground, and reasons."""
    known = [c for c in conditions if c in rules.CONDITIONS]
    if not known:
        raise ConditionRequired()
    if not reasons.strip():
        raise ReasonsRequired()
    return _decide(
        actor=actor,
        assembly=assembly,
        to=Status.ACCEPTED_WITH_CONDITIONS,
        kind=Decision.Kind.ACCEPT_WITH_CONDITIONS,
        action="assemblies.assembly.accepted_with_conditions",
        template="accepted_with_conditions",
        conditions=known,
        reasons=reasons,
    )


def _check_grounds(grounds: Sequence[LegalGround], missing: type[Exception]) -> None:
    if not grounds:
        raise missing()
    if any(g.domain != LegalGround.Domain.ASSEMBLIES for g in grounds):
        raise WrongDomainGround()


def assembly_refuse(*, actor: Any, assembly: Assembly | int, grounds: Sequence[LegalGround], reasons: str) -> Assembly:
    """Refuse on one or more art. 14 grounds with reasons. An art. 14(1)(10) refusal needs a proposal
    made before it (61-НП)."""
    grounds = list(grounds)
    _check_grounds(grounds, LegalGroundRequired)
    if not reasons.strip():
        raise ReasonsRequired()
    if any(g.code in rules.PROPOSAL_FIRST_GROUNDS for g in grounds):
        pk = assembly.pk if isinstance(assembly, Assembly) else assembly
        if not Alternative.objects.filter(assembly_id=pk).exists():
            raise ProposalRequiredFirst()
    return _decide(
        actor=actor,
        assembly=assembly,
        to=Status.REFUSED,
        kind=Decision.Kind.REFUSE,
        action="assemblies.assembly.refused",
        template="refused",
        reasons=reasons,
        grounds=grounds,
    )


def assembly_propose_alternative(
    *,
    actor: Any,
    assembly: Assembly | int,
    place_description: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reasons: str,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    place: SpecialisedPlace | None = None,
    route: Sequence[tuple[Decimal, Decimal]] = (),
) -> Assembly:
    """Propose another place (a specialised place, another place or a route) and/or time. Only a proposal:
    the organiser accepts or declines it. A specialised place smaller than the expected participants is
    allowed but recorded (`over_capacity` in the audit event), as the organiser's own choice would be."""
    if not reasons.strip():
        raise ReasonsRequired()
    validate_place_and_time(starts_at=starts_at, ends_at=ends_at, latitude=latitude, longitude=longitude)
    with transaction.atomic():
        locked = lock(assembly)
        require_akimat_official(actor, locked)
        check_transition(locked, Status.ALTERNATIVE_PROPOSED)
        where = resolve_place(
            akimat=locked.akimat,
            place=place,
            route=route,
            place_description=place_description,
            latitude=latitude,
            longitude=longitude,
            starts_at=starts_at,
            ends_at=ends_at,
            expected_participants=locked.expected_participants,
            over_capacity_confirmed=True,
        )
        same_place = (
            where.kind == locked.place_kind
            and where.description.casefold() == locked.place_description.strip().casefold()
            and where.route == (locked.route or [])
            and (where.version.place_id if where.version else None)
            == (locked.place_version.place_id if locked.place_version is not None else None)
        )
        if same_place and starts_at == locked.starts_at and ends_at == locked.ends_at:
            raise AlternativeNotDifferent()
        now = timezone.now()
        on_time = local_today() <= locked.reply_due
        alternative = Alternative.objects.create(
            assembly=locked,
            place_description=where.description,
            latitude=where.latitude,
            longitude=where.longitude,
            place_kind=where.kind,
            place_version=where.version,
            route=where.route,
            starts_at=starts_at,
            ends_at=ends_at,
            reasons=reasons.strip(),
            proposed_by=actor,
            created_at=now,
        )
        old = locked.status
        locked.status, locked.decided_at = Status.ALTERNATIVE_PROPOSED, now
        locked.save(update_fields=["status", "decided_at"])
        record_event(
            actor=actor,
            action="assemblies.assembly.alternative_proposed",
            obj=locked,
            payload={
                "from": old,
                "to": locked.status,
                "alternative": alternative.pk,
                "event_date": local(starts_at).date(),
                "on_time": on_time,
                **where.audit(),
            },
        )
        alternative.email = tell_organiser(locked, "alternative_proposed", alternative=alternative)
        alternative.save(update_fields=["email"])
    return locked


def assembly_record_outcome(
    *,
    actor: Any,
    assembly: Assembly | int,
    outcome: str,
    note: str = "",
    grounds: Sequence[LegalGround] = (),
) -> Assembly:
    """From the day of the assembly: the organiser or the akimat records that it was held or not held;
    only the akimat records that it was stopped, citing a ground (art. 18)."""
    grounds = list(grounds)
    with transaction.atomic():
        locked = lock(assembly)
        is_official = acts_for_body(actor, locked.akimat_id)
        if not is_official and locked.organiser_id != getattr(actor, "pk", None):
            raise PermissionDenied()
        check_transition(locked, outcome)
        if local_today() < local(locked.starts_at).date():
            raise OutcomeTooEarly()
        if outcome == Status.STOPPED:
            if not is_official:
                raise OnlyAkimatStops()
            _check_grounds(grounds, StopGroundRequired)
            if not note.strip():
                raise ReasonsRequired()
            decision = Decision.objects.create(
                assembly=locked,
                kind=Decision.Kind.STOP,
                reasons=note.strip(),
                decided_by=actor,
                body_id=locked.akimat_id,
                created_at=timezone.now(),
            )
            decision.legal_grounds.set(grounds)
        old = locked.status
        locked.status, locked.outcome_note = outcome, note.strip()[:1000]
        locked.save(update_fields=["status", "outcome_note"])
        payload: dict[str, Any] = {"from": old, "to": outcome, "outcome": outcome}
        if grounds and outcome == Status.STOPPED:
            payload["grounds"] = sorted(g.code for g in grounds)
        record_event(actor=actor, action="assemblies.assembly.outcome_recorded", obj=locked, payload=payload)
    return locked
