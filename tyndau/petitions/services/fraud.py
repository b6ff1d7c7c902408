"""The moderator's fraud tools: invalidating signatures that match a pattern."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tyndau.accounts.models import Role
from tyndau.audit.services import record_event
from tyndau.core.errors import PermissionDenied
from tyndau.petitions.errors import PetitionError
from tyndau.petitions.models import Petition, Signature, SignatureInvalidation, SignatureStatus
from tyndau.petitions.selectors import signatures_matching
from tyndau.petitions.services._common import has_role, lock
from tyndau.petitions.services.counting import petition_recount


def signatures_invalidate(*, actor: Any, petition: Petition, criteria: dict[str, Any], reason: str) -> int:
    """Invalidate every signature matching `criteria`, recount, and record one audit event. An
    invalidated signature no longer holds its IIN: that person may sign again."""
    if not has_role(actor, Role.MODERATOR):
        raise PermissionDenied()
    if not reason.strip():
        raise PetitionError(_("Give the reason for the invalidation."))
    if not any(criteria.get(k) for k in ("domain", "ip_range", "since", "until")):
        raise PetitionError(_("Give at least one pattern: domain, IP range or time window."))
    stored = {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in criteria.items() if v}
    with transaction.atomic():
        locked = lock(petition)
        batch = SignatureInvalidation.objects.create(petition=locked, actor=actor, criteria=stored, reason=reason)
        matching = signatures_matching(petition=locked, **criteria).exclude(status=SignatureStatus.INVALIDATED)
        count = Signature.objects.filter(pk__in=matching.values("pk")).update(
            status=SignatureStatus.INVALIDATED, invalidation=batch
        )
        batch.count = count
        batch.save(update_fields=["count"])
        record_event(
            actor=actor,
            action="petitions.signature.invalidated",
            obj=locked,
            payload={
                "batch": batch.pk,
                "count": count,
                "criteria": {k: v for k, v in stored.items() if k != "ip_range"},
                "by_ip_range": bool(criteria.get("ip_range")),
            },
        )
    petition_recount(petition=locked.pk)
    return count
