"""Domain errors of e-petitions: translated and safe to show."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError, PermissionDenied


class PetitionError(DomainError):
    default_message = _("This petition action is not allowed.")
    code = "petition_error"


class AlreadySigned(PetitionError):
    default_message = _("A signature with this IIN is already on this petition.")
    code = "already_signed"


class SigningClosed(PetitionError):
    default_message = _("This petition is not collecting signatures.")
    code = "signing_closed"


class RateLimited(PetitionError):
    default_message = _("Too many signatures have come from your network or e-mail provider. Please try later.")
    code = "rate_limited"


class InvalidLink(PetitionError):
    default_message = _("This confirmation link is not valid.")
    code = "invalid_link"


class ExpiredLink(PetitionError):
    default_message = _("This confirmation link has expired.")
    code = "expired_link"


# One class per refusal that services.py raises today as PetitionError/PermissionDenied with a message
# (issue 11.4); the messages are the same strings, so their translations are the catalogue's.


class OnlyCitizensMayStart(PermissionDenied):
    default_message = _("Only citizens may start a petition.")
    code = "only_citizens"


class BodyNotAddressee(PetitionError):
    default_message = _("This body does not receive petitions.")
    code = "not_addressee"


class NotADraft(PetitionError):
    default_message = _("Only a draft can be edited.")
    code = "not_a_draft"


class NotRejected(PetitionError):
    default_message = _("Only a rejected petition can be resubmitted.")
    code = "not_rejected"


class RejectionGroundRequired(PetitionError):
    default_message = _("Choose a ground for the rejection from the catalogue.")
    code = "rejection_ground_required"


class DuplicateNumberRequired(PetitionError):
    default_message = _("Give the number of the petition this one duplicates.")
    code = "duplicate_number_required"


class NotEnoughSignatures(PetitionError):
    default_message = _("The petition does not have enough signatures to be listed.")
    code = "not_enough_signatures"


class ThresholdNotReached(PetitionError):
    default_message = _("The petition has not reached its threshold.")
    code = "threshold_not_reached"


class CollectionNotEnded(PetitionError):
    default_message = _("The collection period has not ended.")
    code = "collection_not_ended"


class OutcomeRequired(PetitionError):
    default_message = _("Choose the outcome.")
    code = "outcome_required"


class ResponseTextRequired(PetitionError):
    default_message = _("Write the reasoned response.")
    code = "response_text_required"


class ResponseGroundRequired(PetitionError):
    default_message = _("A refusal, full or partial, must cite its legal ground.")
    code = "response_ground_required"


class OneStepSigningNotAllowed(PermissionDenied):
    default_message = _("Only a signed-in citizen with a verified identity can sign in one step.")
    code = "one_step_not_allowed"


class InvalidationReasonRequired(PetitionError):
    default_message = _("Give the reason for the invalidation.")
    code = "invalidation_reason_required"


class InvalidationPatternRequired(PetitionError):
    default_message = _("Give at least one pattern: domain, IP range or time window.")
    code = "invalidation_pattern_required"
