"""Shared guards of the association services: locking, the transition table, who may act, e-mails."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db.models import Model

from tyndau.accounts.selectors import acts_for_body
from tyndau.associations import charter, rules
from tyndau.associations.errors import ClausesUntranslated, InvalidTransition, PermissionDenied, SectionsMissing
from tyndau.associations.models import ALLOWED_TRANSITIONS, Application
from tyndau.core.calendar import working_days_after
from tyndau.notifications.services import notify

NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_number(day: dt.date) -> str:
    """A number people can read out on the phone: PO-261128-K7M3QX."""
    suffix = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(6))
    return f"PO-{day:%y%m%d}-{suffix}"


def review_due(registered_on: dt.date) -> dt.date:
    """The last day of the registering body's term (rules: review_wd working days)."""
    return working_days_after(registered_on, rules.term("review_wd"))


def check_complete(content: dict[str, Any]) -> None:
    """A charter is submitted only with every required section and every clause in both languages."""
    missing = charter.missing_sections(content)
    if missing:
        raise SectionsMissing(missing)
    untranslated = charter.untranslated_clauses(content)
    if untranslated:
        raise ClausesUntranslated(untranslated)


def lock(application: Application | int) -> Application:
    pk = application.pk if isinstance(application, Model) else application
    return Application.objects.select_for_update().get(pk=pk)


def check_transition(application: Application, to: str) -> None:
    if to not in ALLOWED_TRANSITIONS.get(application.status, set()):
        raise InvalidTransition()


def require_registrar(user: Any, application: Application) -> None:
    """Only a person who acts for this application's registering body (the one predicate in accounts)."""
    if not acts_for_body(user, application.registering_body_id):
        raise PermissionDenied()


def require_applicant(user: Any, application: Application) -> None:
    if not getattr(user, "is_authenticated", False) or application.applicant_id != user.pk:
        raise PermissionDenied()


def tell_applicant(application: Application, template: str, **context: Any) -> None:
    """Queue an e-mail to the applicant in this transaction (ADR 3); it is sent after commit."""
    notify(
        to=application.applicant,
        template=f"associations/email/{template}",
        context={"application": application, **context},
        language=application.language,
    )
