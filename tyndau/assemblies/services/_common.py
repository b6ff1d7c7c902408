"""Shared guards of the assembly services: locking, the transition table, who may act, the clock."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db.models import Model

from tyndau.accounts.selectors import acts_for_body
from tyndau.assemblies import rules
from tyndau.assemblies.errors import InvalidTransition, PermissionDenied
from tyndau.assemblies.models import ALLOWED_TRANSITIONS, Assembly
from tyndau.core.calendar import working_days_after
from tyndau.notifications.models import OutgoingEmail
from tyndau.notifications.services import notify

NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_number(registered_on: dt.date) -> str:
    """A number people can read out on the phone: PA-261128-K7M3QX."""
    suffix = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(6))
    return f"PA-{registered_on:%y%m%d}-{suffix}"


def earliest_on_time(form: str, registered_on: dt.date) -> dt.date:
    """The first event date still on time for `form` when registered on `registered_on` (arts. 10, 12)."""
    return working_days_after(registered_on, rules.term(rules.form_rule(form).lead_key))


def reply_due(form: str, registered_on: dt.date) -> dt.date:
    """The last day of the akimat's reply term (arts. 11(1), 13(1))."""
    return working_days_after(registered_on, rules.term(rules.form_rule(form).reply_key))


def lock(assembly: Assembly | int) -> Assembly:
    pk = assembly.pk if isinstance(assembly, Model) else assembly
    return Assembly.objects.select_for_update().get(pk=pk)


def check_transition(assembly: Assembly, to: str) -> None:
    if to not in ALLOWED_TRANSITIONS.get(assembly.status, set()):
        raise InvalidTransition()


def require_akimat_official(user: Any, assembly: Assembly) -> None:
    if not acts_for_body(user, assembly.akimat_id):
        raise PermissionDenied()


def require_organiser(user: Any, assembly: Assembly) -> None:
    if not getattr(user, "is_authenticated", False) or assembly.organiser_id != user.pk:
        raise PermissionDenied()


def tell_organiser(assembly: Assembly, template: str, **context: Any) -> OutgoingEmail:
    """Queue an e-mail to the organiser in this transaction (ADR 3); it is sent after commit. The row
    is returned so that a reply can keep it as its delivery record."""
    return notify(
        to=assembly.organiser,
        template=f"assemblies/email/{template}",
        context={"assembly": assembly, **context},
        language=assembly.language,
    )
