"""Domain errors of intermediaries' help: one class per rule, each with its own translated message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError, PermissionDenied


class HelpError(DomainError):
    default_message = _("This action is not allowed.")
    code = "help_error"


class NotAccredited(PermissionDenied):
    default_message = _("Only an accredited intermediary may help a citizen file.")
    code = "help_not_accredited"


class NotAnOrganisationManager(PermissionDenied):
    default_message = _("Only an administrator or the organisation's own representative may accredit its helpers.")
    code = "help_not_manager"


class OrganisationNotRegistered(HelpError):
    default_message = _("Only a registered organisation or a public service centre may have intermediaries.")
    code = "help_organisation_not_registered"


class NoVerifiedAccount(HelpError):
    default_message = _(
        "No verified account holds this IIN, so no code can be sent. "
        "If the citizen has no account, upload their scanned signed consent instead."
    )
    code = "help_no_verified_account"
    field = "iin"


class NoContact(HelpError):
    default_message = _("The citizen's account holds no confirmed contact of this kind. Choose the other one.")
    code = "help_no_contact"
    field = "channel"


class SelfHelp(HelpError):
    default_message = _("You cannot act as an intermediary for yourself.")
    code = "help_self"
    field = "iin"


class WrongCode(HelpError):
    default_message = _("The code is not right. Check it with the citizen and try again.")
    code = "help_wrong_code"
    field = "code"


class CodeExpired(HelpError):
    default_message = _("The code has expired. Send a new code to the citizen.")
    code = "help_code_expired"
    field = "code"


class TooManyAttempts(HelpError):
    default_message = _("Too many wrong codes. Send a new code to the citizen.")
    code = "help_too_many_attempts"
    field = "code"


class NoConsent(HelpError):
    default_message = _(
        "The citizen has not confirmed consent, has withdrawn it, or it has lapsed. Ask for consent again."
    )
    code = "help_no_consent"


class NotForThisAccount(HelpError):
    default_message = _("A scanned consent is only for a citizen without an account; this one can confirm a code.")
    code = "help_scan_not_needed"
    field = "iin"


ALREADY_ACCREDITED = _("This person is already accredited by another organisation; that accreditation must end first.")
SCAN_TOO_LARGE = _("The scanned consent is too large.")
