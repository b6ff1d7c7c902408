"""The moderator's decision: a petition in moderation is approved (it collects signatures) or rejected."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tyndau.accounts.models import Role
from tyndau.audit.services import record_event
from tyndau.authorities.models import LegalGround
from tyndau.core.calendar import add_months, local
from tyndau.core.errors import PermissionDenied
from tyndau.petitions import rules
from tyndau.petitions.errors import PetitionError
from tyndau.petitions.models import Petition, Status
from tyndau.petitions.services._common import check_transition, has_role, lock, notify_creator


def petition_approve(*, actor: Any, petition: Petition) -> Petition:
    """MODERATION → OPEN: the threshold is fixed now, collection runs 6 months (unconfirmed)."""
    with transaction.atomic():
        petition = lock(petition)
        if not has_role(actor, Role.MODERATOR):
            raise PermissionDenied()
        check_transition(petition, Status.OPEN)
        threshold = rules.threshold_for(petition.addressee)
        if threshold is None:
            raise PetitionError(_("This body does not receive petitions."))
        now = timezone.now()
        petition.status = Status.OPEN
        petition.decided_at = now
        petition.decided_by = actor
        petition.threshold = threshold
        petition.opened_at = now
        petition.closes_on = add_months(local(now).date(), rules.value("collection_months"))
        petition.save(update_fields=["status", "decided_at", "decided_by", "threshold", "opened_at", "closes_on"])
        record_event(
            actor=actor,
            action="petitions.petition.approved",
            obj=petition,
            payload={"threshold": threshold, "closes_on": petition.closes_on.isoformat()},
        )
        notify_creator(petition, "approved")
    return petition


def petition_reject(
    *, actor: Any, petition: Petition, ground: Any, note: str = "", duplicate_of: Petition | None = None
) -> Petition:
    """MODERATION → REJECTED citing a LegalGround of the petitions domain."""
    with transaction.atomic():
        petition = lock(petition)
        if not has_role(actor, Role.MODERATOR):
            raise PermissionDenied()
        check_transition(petition, Status.REJECTED)
        if ground is None or ground.domain != LegalGround.Domain.PETITIONS or not ground.is_active:
            raise PetitionError(_("Choose a ground for the rejection from the catalogue."))
        if "duplicate" in ground.code:
            if duplicate_of is None or duplicate_of.pk == petition.pk:
                raise PetitionError(_("Give the number of the petition this one duplicates."))
        else:
            duplicate_of = None
        petition.status = Status.REJECTED
        petition.decided_at = timezone.now()
        petition.decided_by = actor
        petition.rejection_ground = ground
        petition.rejection_note = note
        petition.duplicate_of = duplicate_of
        petition.save(
            update_fields=["status", "decided_at", "decided_by", "rejection_ground", "rejection_note", "duplicate_of"]
        )
        record_event(
            actor=actor,
            action="petitions.petition.rejected",
            obj=petition,
            payload={"ground": ground.code, "duplicate_of": duplicate_of.pk if duplicate_of else None},
        )
        notify_creator(petition, "rejected")
    return petition
