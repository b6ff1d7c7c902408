"""Domain errors of appeals: translated, safe to show."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError, InvalidTransition, PermissionDenied


class AppealError(DomainError):
    default_message = _("This action on the appeal is not allowed.")
    code = "appeal_error"


class AnonymousNotAllowed(AppealError):
    default_message = _(
        "An appeal must say who sends it (APPK art. 63). Only a report of a crime or of a threat to "
        "public or state security may be anonymous; it goes straight to the prosecutor's office."
    )
    code = "anonymous_not_allowed"


class ExtensionTooLong(AppealError):
    default_message = _("The deadline may be extended by two months in total at most.")
    code = "extension_too_long"


class LegalGroundRequired(AppealError):
    default_message = _("A refusal must cite at least one legal ground.")
    code = "legal_ground_required"


class ComplaintWindowClosed(AppealError):
    default_message = _("The three-month period for a complaint has passed.")
    code = "complaint_window_closed"


class NoHigherBody(AppealError):
    default_message = _("No higher body is recorded for this body; the complaint cannot be routed.")
    code = "no_higher_body"


class AttachmentRejected(AppealError):
    default_message = _("The file was not accepted.")
    code = "attachment_rejected"


__all__ = [
    "AnonymousNotAllowed",
    "AppealError",
    "AttachmentRejected",
    "ComplaintWindowClosed",
    "ExtensionTooLong",
    "InvalidTransition",
    "LegalGroundRequired",
    "NoHigherBody",
    "PermissionDenied",
]
