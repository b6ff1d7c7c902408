"""Domain errors: translated, safe to show to the person who caused them.

Each app subclasses `DomainError` in its own `errors.py`. Views turn a
DomainError into a message or a form error; anything else is a bug (a 500).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused an action. `message` is translated (lazily)."""

    default_message: str | Promise = _("This action is not allowed.")
    code: str = "domain_error"
    # The form field the refusal is about, if any: a view shows the message there, not only on top.
    field: str | None = None

    def __init__(self, message: str | Promise | None = None, *, code: str | None = None) -> None:
        self.message = message if message is not None else self.default_message
        if code is not None:
            self.code = code
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)


class PermissionDenied(DomainError):
    default_message = _("You are not allowed to do this.")
    code = "permission_denied"


class InvalidTransition(DomainError):
    default_message = _("This change of status is not allowed.")
    code = "invalid_transition"
