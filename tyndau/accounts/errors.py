"""Domain errors of the accounts app: translated, safe to show to the person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError


class AccountsError(DomainError):
    default_message = _("This account action is not allowed.")
    code = "accounts_error"


class EmailAlreadyRegistered(AccountsError):
    default_message = _(
        "An account with this e-mail address already exists. Sign in, or reset your password if you forgot it."
    )
    code = "email_taken"


class VerificationLinkExpired(AccountsError):
    default_message = _("This confirmation link has expired. Ask for a new one below.")
    code = "link_expired"


class VerificationLinkInvalid(AccountsError):
    default_message = _(
        "This confirmation link is not valid. Check that you copied it completely, or ask for a new one."
    )
    code = "link_invalid"


class IinAlreadyRegistered(AccountsError):
    default_message = _(
        "This IIN is already linked to another account. If it is yours, contact support: one person has one account."
    )
    code = "iin_taken"


class IinLocked(AccountsError):
    default_message = _("Your IIN has been confirmed and can no longer be changed here. Contact support to correct it.")
    code = "iin_locked"


class NotConfigured(AccountsError):
    """An identity provider (eGov EDS, SMS) is not connected on this installation."""

    default_message = _("This identity verification method is not available yet: the operator has not connected it.")
    code = "not_configured"


class VerificationUnavailable(AccountsError):
    default_message = _("This identity verification method is not available on this installation.")
    code = "verification_unavailable"
