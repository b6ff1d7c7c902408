"""Shared guards of the appeal services: locking, the transition table, who may act."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext

from tyndau.accounts.selectors import acts_for_body
from tyndau.appeals.errors import (
    ComplaintPending,
    InvalidTransition,
    LegalGroundNotApplicable,
    LegalGroundRequired,
    PermissionDenied,
)
from tyndau.appeals.models import ALLOWED_TRANSITIONS, Appeal, Status
from tyndau.authorities.models import LegalGround
from tyndau.notifications.services import notify

NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_number(registered_on: dt.date) -> str:
    """A receipt number people can read out on the phone: 261128-K7M3QX."""
    suffix = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(6))
    return f"{registered_on:%y%m%d}-{suffix}"


def check_grounds(grounds: Sequence[LegalGround], *, decision: str, required: bool) -> None:
    """A refusal (full or partial) cites at least one ground; every ground cited applies to the decision
    taken (`LegalGround.applies_to`, e.g. "appeal.refused") and belongs to appeals."""
    if required and not grounds:
        raise LegalGroundRequired()
    for ground in grounds:
        if ground.domain != LegalGround.Domain.APPEALS or not ground.applies(decision):
            raise LegalGroundNotApplicable(
                gettext("The ground “%(ground)s” does not apply to the outcome chosen.") % {"ground": ground.text}
            )


def lock_appeal(appeal: Appeal | int) -> Appeal:
    pk = appeal.pk if isinstance(appeal, Model) else appeal
    return Appeal.objects.select_for_update().get(pk=pk)


def check_transition(appeal: Appeal, to: str) -> None:
    if to not in ALLOWED_TRANSITIONS.get(appeal.status, set()):
        raise InvalidTransition()


def require_member(user: Any, body_id: int | None, *, supervisor: bool = False) -> None:
    if body_id is None or not acts_for_body(user, body_id, supervisor=supervisor):
        raise PermissionDenied()


def refuse_if_complaint_pending(appeal: Appeal) -> None:
    """No action of the body that answered may end or change a case whose complaint is pending: only
    the complaint's own steps (grant fully, pass on, the higher body's decision) move it on."""
    if appeal.status == Status.COMPLAINED:
        raise ComplaintPending()


def require_applicant(user: Any, appeal: Appeal) -> None:
    if not getattr(user, "is_authenticated", False) or appeal.applicant_id != user.pk:
        raise PermissionDenied()


def tell_applicant(appeal: Appeal, template: str, **context: Any) -> None:
    """Queue an e-mail to the applicant (in their own language) in this transaction; it is sent after commit."""
    if appeal.applicant is None:
        return
    notify(to=appeal.applicant, template=f"appeals/email/{template}", context={"appeal": appeal, **context})
