"""An open petition's life: listed at 50 signatures, forwarded at its threshold, closed when the
collection period ends below it, and answered by the body it was forwarded to."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tyndau.accounts.selectors import acts_for_body
from tyndau.audit.services import record_event
from tyndau.authorities.models import LegalGround
from tyndau.core.calendar import local_today, registration_date, working_days_after
from tyndau.core.errors import PermissionDenied
from tyndau.notifications.services import notify
from tyndau.petitions import rules
from tyndau.petitions.errors import PetitionError
from tyndau.petitions.follow import petition_changed
from tyndau.petitions.models import SIGNABLE_STATUSES, Outcome, Petition, Status
from tyndau.petitions.services._common import check_transition, lock, notify_creator, petition_url


def petition_list(*, petition: Petition, actor: Any = None) -> Petition:
    """Listed publicly once it has 50 confirmed signatures (not a status: a flag with its time)."""
    with transaction.atomic():
        petition = lock(petition)
        if petition.listed_at is not None or petition.status not in SIGNABLE_STATUSES:
            return petition
        if petition.signature_count < rules.value("listing_threshold"):
            raise PetitionError(_("The petition does not have enough signatures to be listed."))
        petition.listed_at = timezone.now()
        petition.save(update_fields=["listed_at"])
        record_event(
            actor=actor,
            action="petitions.petition.listed",
            obj=petition,
            payload={"signature_count": petition.signature_count},
            actor_label="" if actor else "system",
        )
    return petition


def petition_forward(*, petition: Petition, actor: Any = None) -> Petition:
    """OPEN → FORWARDED at the threshold; the body answers within 40 WD (APPK art. 90-5)."""
    with transaction.atomic():
        petition = lock(petition)
        check_transition(petition, Status.FORWARDED)
        if petition.threshold is None or petition.signature_count < petition.threshold:
            raise PetitionError(_("The petition has not reached its threshold."))
        now = timezone.now()
        petition.status = Status.FORWARDED
        petition.forwarded_at = now
        petition.response_due = working_days_after(registration_date(now), rules.value("response_working_days"))
        if petition.listed_at is None:
            petition.listed_at = now
        petition.save(update_fields=["status", "forwarded_at", "response_due", "listed_at"])
        record_event(
            actor=actor,
            action="petitions.petition.forwarded",
            obj=petition,
            payload={
                "signature_count": petition.signature_count,
                "body": petition.addressee_id,
                "response_due": petition.response_due.isoformat(),
            },
        )
        notify_creator(petition, "forwarded")
        petition_changed(petition, "petition.forwarded")
        if petition.addressee.email:
            notify(
                to=petition.addressee.email,
                template="petitions/email/forwarded_body",
                context={
                    "petition_id": petition.pk,
                    "title": petition.title,
                    "response_due": petition.response_due,
                    "url": petition_url(petition, "kk"),
                },
                language="kk",
            )
    return petition


def petition_close(*, petition: Petition, actor: Any = None) -> Petition:
    """OPEN → CLOSED when the collection period ended without the threshold."""
    with transaction.atomic():
        petition = lock(petition)
        check_transition(petition, Status.CLOSED)
        if petition.closes_on is None or local_today() <= petition.closes_on:
            raise PetitionError(_("The collection period has not ended."))
        petition.status = Status.CLOSED
        petition.closed_at = timezone.now()
        petition.save(update_fields=["status", "closed_at"])
        record_event(
            actor=actor,
            action="petitions.petition.closed",
            obj=petition,
            payload={"signature_count": petition.signature_count},
        )
        notify_creator(petition, "closed")
        petition_changed(petition, "petition.closed")
    return petition


def petition_respond(*, actor: Any, petition: Petition, outcome: str, text: str, ground: Any = None) -> Petition:
    """FORWARDED → RESPONDED: the body's reasoned answer; opted-in signers are e-mailed."""
    with transaction.atomic():
        petition = lock(petition)
        if not acts_for_body(actor, petition.addressee_id):
            raise PermissionDenied()
        check_transition(petition, Status.RESPONDED)
        if outcome not in Outcome.values:
            raise PetitionError(_("Choose the outcome."))
        if not text.strip():
            raise PetitionError(_("Write the reasoned response."))
        if outcome != Outcome.GRANTED and ground is None:
            raise PetitionError(_("A refusal, full or partial, must cite its legal ground."))
        if ground is not None and ground.domain != LegalGround.Domain.PETITIONS:
            raise PetitionError(_("Cite a legal ground for petitions."))
        petition.status = Status.RESPONDED
        petition.responded_at = timezone.now()
        petition.responded_by = actor
        petition.response_outcome = outcome
        petition.response_text = text
        petition.response_ground = ground
        petition.save(
            update_fields=[
                "status",
                "responded_at",
                "responded_by",
                "response_outcome",
                "response_text",
                "response_ground",
            ]
        )
        record_event(
            actor=actor,
            action="petitions.petition.responded",
            obj=petition,
            payload={
                "outcome": outcome,
                "ground": ground.code if ground else None,
                "on_time": petition.response_due is None or local_today() <= petition.response_due,
            },
        )
        notify_creator(petition, "responded")
        petition_changed(petition, "petition.responded")
        pk = petition.pk

        def enqueue() -> None:
            from tyndau.petitions.tasks import notify_signers_of_response

            notify_signers_of_response.enqueue(pk)

        transaction.on_commit(enqueue)
    return petition
