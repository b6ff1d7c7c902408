"""The challenge route: the organiser's complaint against a refusal or conditions, decided by the
akimat's higher body on its clock (APPK art. 91 ff.; docs/adr/0030-assembly-challenges.md).

Assemblies and appeals are the same layer and do not import each other: the complaint is handled here,
with the same legal data (the higher body from the authorities directory, the APPK term mirrored in
`rules.RULES["challenge_decision_wd"]` and kept equal to appeals' by a test). The term is cut to the day
before the event when the event comes sooner: a review after the date would be no remedy (Guidelines).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tyndau.accounts.selectors import acts_for_body
from tyndau.assemblies import rules
from tyndau.assemblies.errors import (
    ChallengeAlreadyOpen,
    ChallengeOutcomeUnknown,
    ComplaintTextRequired,
    InvalidTransition,
    NoHigherBody,
    NotChallengeable,
    PermissionDenied,
    ReasonsRequired,
    WrongDomainGround,
)
from tyndau.assemblies.models import (
    CHALLENGE_UPHELD_TO,
    CHALLENGEABLE,
    Assembly,
    Challenge,
    Decision,
)
from tyndau.assemblies.services._common import lock, require_organiser, tell_organiser
from tyndau.audit.services import record_event
from tyndau.authorities.models import LegalGround
from tyndau.core.calendar import local, registration_date, working_days_after

TEXT_MAX = 4000


def challenge_obstacle(assembly: Assembly) -> Exception | None:
    """Why this assembly's decision cannot be challenged now, or None. The one place of the rule."""
    if assembly.status not in CHALLENGEABLE or timezone.now() >= assembly.starts_at:
        return NotChallengeable()
    if assembly.akimat.higher_body_id is None:
        return NoHigherBody()
    if assembly.challenges.filter(state=Challenge.State.FILED).exists():
        return ChallengeAlreadyOpen()
    return None


def challenge_due(registered_on: dt.date, event_day: dt.date) -> dt.date:
    """The higher body's last day: the APPK term, or the day before the event if that comes first."""
    term = working_days_after(registered_on, rules.term("challenge_decision_wd"))
    return min(term, max(registered_on, event_day - dt.timedelta(days=1)))


def challenge_file(*, actor: Any, assembly: Assembly | int, text: str, idempotency_key: uuid.UUID | str) -> Challenge:
    """The organiser complains against the latest refusal or conditions; a repeated key returns the first."""
    key = uuid.UUID(str(idempotency_key))
    existing = Challenge.objects.filter(idempotency_key=key).select_related("assembly").first()
    if existing is not None:
        require_organiser(actor, existing.assembly)
        return existing
    text = text.strip()[:TEXT_MAX]
    if not text:
        raise ComplaintTextRequired()
    try:
        with transaction.atomic():
            locked = lock(assembly)
            require_organiser(actor, locked)
            obstacle = challenge_obstacle(locked)
            if obstacle is not None:
                raise obstacle
            decision = locked.decisions.exclude(kind=Decision.Kind.STOP).order_by("-created_at", "-pk").first()
            if decision is None:  # the status says there is one; refuse rather than guess
                raise NotChallengeable()
            higher_body_id = locked.akimat.higher_body_id
            assert higher_body_id is not None  # challenge_obstacle said so
            now = timezone.now()
            registered_on = registration_date(now)
            challenge = Challenge.objects.create(
                assembly=locked,
                decision=decision,
                idempotency_key=key,
                text=text,
                higher_body_id=higher_body_id,
                filed_at=now,
                registered_on=registered_on,
                decision_due=challenge_due(registered_on, local(locked.starts_at).date()),
            )
            record_event(
                actor=actor,
                action="assemblies.challenge.filed",
                obj=locked,
                payload={
                    "challenge": challenge.pk,
                    "higher_body": challenge.higher_body_id,
                    "reply_due": challenge.decision_due,
                },
            )
            tell_organiser(locked, "challenge_filed", challenge=challenge)
    except IntegrityError:
        found = Challenge.objects.filter(idempotency_key=key).first()
        if found is None:
            raise
        return found
    return challenge


def challenge_decide(
    *, actor: Any, challenge: Challenge | int, outcome: str, text: str, grounds: Sequence[LegalGround] = ()
) -> Challenge:
    """The higher body decides: upheld annuls the akimat's decision (the assembly may go ahead as
    requested, recorded as a decision of the higher body); rejected leaves it standing (grounds cited)."""
    if outcome not in Challenge.Outcome.values:
        raise ChallengeOutcomeUnknown()
    if not text.strip():
        raise ReasonsRequired()
    grounds = list(grounds)
    if any(g.domain != LegalGround.Domain.ASSEMBLIES for g in grounds):
        raise WrongDomainGround()
    pk = challenge.pk if isinstance(challenge, Challenge) else challenge
    with transaction.atomic():
        locked = Challenge.objects.select_for_update().get(pk=pk)
        if not acts_for_body(actor, locked.higher_body_id):
            raise PermissionDenied()
        if locked.state != Challenge.State.FILED:
            raise InvalidTransition()
        assembly = lock(locked.assembly_id)
        now = timezone.now()
        on_time = local(now).date() <= locked.decision_due
        locked.state, locked.outcome = Challenge.State.DECIDED, outcome
        locked.decision_text, locked.decided_by, locked.decided_at = text.strip()[:TEXT_MAX], actor, now
        locked.save(update_fields=["state", "outcome", "decision_text", "decided_by", "decided_at"])
        locked.legal_grounds.set(grounds)
        payload: dict[str, Any] = {"challenge": locked.pk, "outcome": outcome, "on_time": on_time}
        if outcome == Challenge.Outcome.UPHELD and assembly.status in CHALLENGEABLE:
            Decision.objects.create(
                assembly=assembly,
                kind=Decision.Kind.ACCEPT,
                reasons=locked.decision_text,
                decided_by=actor,
                body_id=locked.higher_body_id,
                created_at=now,
                on_time=on_time,
            )
            payload.update({"from": assembly.status, "to": CHALLENGE_UPHELD_TO})
            assembly.status, assembly.decided_at = CHALLENGE_UPHELD_TO, now
            assembly.save(update_fields=["status", "decided_at"])
        if grounds:
            payload["grounds"] = sorted(g.code for g in grounds)
        record_event(actor=actor, action="assemblies.challenge.decided", obj=assembly, payload=payload)
        tell_organiser(assembly, "challenge_decided", challenge=locked)
    return locked
