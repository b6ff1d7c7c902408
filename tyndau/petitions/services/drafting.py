"""A petition from draft to moderation: created, edited, submitted, resubmitted after a rejection."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tyndau.accounts.models import Role
from tyndau.audit.services import record_event
from tyndau.core.calendar import registration_date, working_days_after
from tyndau.core.errors import PermissionDenied
from tyndau.notifications.limits import require_within_mail_limits
from tyndau.petitions import rules
from tyndau.petitions.errors import PetitionError
from tyndau.petitions.models import Petition, Status
from tyndau.petitions.services._common import check_transition, has_role, lock, notify_creator


def petition_create_draft(
    *,
    actor: Any,
    title: str,
    request_text: str,
    background: str,
    addressee: Any,
    idempotency_key: uuid.UUID | None = None,
) -> Petition:
    if not has_role(actor, Role.CITIZEN):
        raise PermissionDenied(_("Only citizens may start a petition."))
    if rules.threshold_for(addressee) is None:
        raise PetitionError(_("This body does not receive petitions."))
    if idempotency_key is not None:
        existing = Petition.objects.filter(idempotency_key=idempotency_key, creator=actor).first()
        if existing is not None:
            return existing
    require_within_mail_limits("petition_draft", account=actor)  # tyndau.notifications.limits
    try:
        with transaction.atomic():
            petition = Petition.objects.create(
                title=title,
                request_text=request_text,
                background=background,
                addressee=addressee,
                creator=actor,
                idempotency_key=idempotency_key,
            )
            record_event(
                actor=actor, action="petitions.petition.drafted", obj=petition, payload={"addressee": addressee.pk}
            )
    except IntegrityError:
        return Petition.objects.get(idempotency_key=idempotency_key, creator=actor)
    return petition


def petition_update_draft(
    *, actor: Any, petition: Petition, title: str, request_text: str, background: str, addressee: Any
) -> Petition:
    with transaction.atomic():
        petition = lock(petition)
        if petition.creator_id != getattr(actor, "pk", None):
            raise PermissionDenied()
        if petition.status != Status.DRAFT:
            raise PetitionError(_("Only a draft can be edited."))
        if rules.threshold_for(addressee) is None:
            raise PetitionError(_("This body does not receive petitions."))
        petition.title, petition.request_text, petition.background = title, request_text, background
        petition.addressee = addressee
        petition.save(update_fields=["title", "request_text", "background", "addressee"])
        record_event(actor=actor, action="petitions.petition.edited", obj=petition, payload={"addressee": addressee.pk})
    return petition


def petition_submit(*, actor: Any, petition: Petition) -> Petition:
    """DRAFT → MODERATION; moderation due within 20 WD of registration (APPK art. 90-5)."""
    with transaction.atomic():
        petition = lock(petition)
        if petition.creator_id != getattr(actor, "pk", None):
            raise PermissionDenied()
        check_transition(petition, Status.MODERATION)
        now = timezone.now()
        petition.status = Status.MODERATION
        petition.submitted_at = now
        petition.moderation_due = working_days_after(registration_date(now), rules.value("moderation_working_days"))
        petition.save(update_fields=["status", "submitted_at", "moderation_due"])
        record_event(
            actor=actor,
            action="petitions.petition.submitted",
            obj=petition,
            payload={"moderation_due": petition.moderation_due.isoformat()},
        )
        notify_creator(petition, "submitted")
    return petition


def petition_resubmit(*, actor: Any, petition: Petition) -> Petition:
    """A rejected petition stays public with its ground; the creator starts a new draft from it."""
    with transaction.atomic():
        petition = lock(petition)
        if petition.creator_id != getattr(actor, "pk", None):
            raise PermissionDenied()
        if petition.status != Status.REJECTED:
            raise PetitionError(_("Only a rejected petition can be resubmitted."))
        draft = Petition.objects.create(
            title=petition.title,
            request_text=petition.request_text,
            background=petition.background,
            addressee=petition.addressee,
            creator=actor,
            resubmission_of=petition,
        )
        record_event(
            actor=actor, action="petitions.petition.resubmitted", obj=draft, payload={"resubmission_of": petition.pk}
        )
    return draft
