"""Domain errors of the accounts app: translated, safe to show to the person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError, PermissionDenied


class AccountsError(DomainError):
    default_message = _("This account action is not allowed.")
    code = "accounts_error"


class VerificationLinkExpired(AccountsError):
    default_message = _("This confirmation link has expired. Ask for a new one below.")
    code = "link_expired"


class VerificationLinkInvalid(AccountsError):
    default_message = _(
        "This confirmation link is not valid. Check that you copied it completely, or ask for a new one."
    )
    code = "link_invalid"


class IinAlreadyRegistered(AccountsError):
    """Raised only by identity verification: the profile page answers the same whoever holds an IIN."""

    default_message = _(
        "This IIN has already been confirmed for another account. If it is yours, contact support: "
        "one person has one account."
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


class IinReadReasonRequired(PermissionDenied):
    """Reading a citizen's full IIN needs a stated reason (it is audited); a PermissionDenied as before."""

    default_message = _("Choose the reason for reading the IIN.")
    code = "iin_read_reason_required"


class IinRequiredForVerification(AccountsError):
    default_message = _("Add your IIN to your profile before confirming your identity.")
    code = "iin_required"
