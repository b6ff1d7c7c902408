"""Shared guards of the appeal services: locking, the transition table, who may act."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db.models import Model
from django.utils import timezone

from tyndau.accounts.models import Membership
from tyndau.appeals.errors import InvalidTransition, PermissionDenied
from tyndau.appeals.models import ALLOWED_TRANSITIONS, Appeal
from tyndau.core.calendar import local
from tyndau.notifications.services import notify

NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def today() -> dt.date:
    return local(timezone.now()).date()


def new_number(registered_on: dt.date) -> str:
    """A receipt number people can read out on the phone: 261128-K7M3QX."""
    suffix = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(6))
    return f"{registered_on:%y%m%d}-{suffix}"


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError("unreachable")


def lock_appeal(appeal: Appeal | int) -> Appeal:
    pk = appeal.pk if isinstance(appeal, Model) else appeal
    return Appeal.objects.select_for_update().get(pk=pk)


def check_transition(appeal: Appeal, to: str) -> None:
    if to not in ALLOWED_TRANSITIONS.get(appeal.status, set()):
        raise InvalidTransition()


def is_member(user: Any, body_id: int | None, *, supervisor: bool = False) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or body_id is None:
        return False
    qs = Membership.objects.filter(user=user, body_id=body_id, is_active=True)
    if supervisor:
        qs = qs.filter(is_supervisor=True)
    return qs.exists()


def require_member(user: Any, body_id: int | None, *, supervisor: bool = False) -> None:
    if not is_member(user, body_id, supervisor=supervisor):
        raise PermissionDenied()


def require_applicant(user: Any, appeal: Appeal) -> None:
    if not getattr(user, "is_authenticated", False) or appeal.applicant_id != user.pk:
        raise PermissionDenied()


def tell_applicant(appeal: Appeal, template: str, **context: Any) -> None:
    """E-mail the applicant (in their own language) once the transaction commits."""
    if appeal.applicant is None:
        return
    notify(to=appeal.applicant, template=f"appeals/email/{template}", context={"appeal": appeal, **context})
