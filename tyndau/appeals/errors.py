"""Domain errors of appeals: one class per rule, each with its own translated message, safe to show.

A service raises the class of the rule that refused; a view shows `str(exc)`. Nothing raises a bare
`AppealError` with only a code: a person would then read only the generic sentence
(tyndau/core/tests/test_errors.py walks every DomainError subclass and checks its message).
"""

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


class NotRepresentative(AppealError):
    default_message = _(
        "You may file on behalf of a legal entity only if you are the representative of a registered "
        "association. Choose one of yours, or file in your own name."
    )
    code = "not_representative"
    field = "entity"


class EntityNotAnonymous(AppealError):
    default_message = _("An appeal on behalf of a legal entity cannot be anonymous: it names the entity.")
    code = "entity_not_anonymous"
    field = "anonymous"


class IdempotencyKeyTaken(AppealError):
    default_message = _("This form was already used to file another person's appeal. Reload the page and try again.")
    code = "idempotency_key_taken"


class NoCompetentBody(AppealError):
    default_message = _(
        "No body is recorded as competent for this topic in this region. Choose the body yourself, "
        "or choose another topic."
    )
    code = "no_body"


class NumberExhausted(AppealError):
    default_message = _("A receipt number could not be issued just now. Please send the form again.")
    code = "number_exhausted"


class AssigneeNotMember(AppealError):
    default_message = _("The appeal can be given only to an official of the body that handles it.")
    code = "assignee_not_member"
    field = "assignee"


class ReasonRequired(AppealError):
    default_message = _("Give the reason: the applicant is told it.")
    code = "reason_required"
    field = "reason"


class QuestionRequired(AppealError):
    default_message = _("Write what you need from the applicant.")
    code = "question_required"
    field = "question"


class TextRequired(AppealError):
    default_message = _("Write the reasoned text.")
    code = "text_required"
    field = "text"


class SameBody(AppealError):
    default_message = _("The appeal is already with this body: choose the competent body to forward it to.")
    code = "same_body"
    field = "to_body"


class DeadlineNotLater(AppealError):
    default_message = _("The new deadline must be later than the current one.")
    code = "not_later"
    field = "new_deadline"


class DeadlinePassed(AppealError):
    default_message = _(
        "The deadline has already passed, so it can no longer be extended: silence past the deadline "
        "counts as a refusal (APPK art. 91(2)). Answer the appeal instead."
    )
    code = "deadline_passed"
    field = "new_deadline"


class ForwardTooLate(AppealError):
    default_message = _(
        "The deadline has already passed, so the appeal can no longer be forwarded: a new body would start "
        "a new term and hide the refusal that the silence already counts as (APPK art. 91(2)). Answer it instead."
    )
    code = "forward_too_late"


class ExtensionTooLong(AppealError):
    default_message = _("The deadline may be extended by two months in total at most.")
    code = "extension_too_long"
    field = "new_deadline"


class LegalGroundRequired(AppealError):
    default_message = _("A refusal must cite at least one legal ground.")
    code = "legal_ground_required"
    field = "legal_grounds"


class LegalGroundNotApplicable(AppealError):
    default_message = _("One of the legal grounds chosen does not apply to this outcome.")
    code = "legal_ground_not_applicable"
    field = "legal_grounds"


class NotChallengeable(AppealError):
    default_message = _(
        "Only an answer or a deemed refusal (no answer in time) can be challenged, and only once: "
        "this appeal has neither, or its complaint is already filed, or the case is closed."
    )
    code = "not_challengeable"


class ComplaintWindowClosed(AppealError):
    default_message = _("The three-month period for a complaint has passed.")
    code = "complaint_window_closed"


class ComplaintWindowOpen(AppealError):
    default_message = _(
        "The applicant may still complain about this case, so the body cannot close it yet. "
        "It can close it once the complaint period has passed."
    )
    code = "complaint_window_open"


class ComplaintPending(AppealError, InvalidTransition):
    """An InvalidTransition with its reason: while a complaint is pending only its own steps move the case."""

    default_message = _(
        "A complaint about this appeal is pending: until it is decided, the case stays as it is and "
        "the body that answered cannot act on it."
    )
    code = "complaint_pending"


class ComplaintPendingForApplicant(AppealError, InvalidTransition):
    """The applicant's side of ComplaintPending: closing (withdrawing) the appeal would leave the complaint
    with nothing for the higher body to decide."""

    default_message = _(
        "Your complaint about this appeal is pending: the case cannot be closed until the complaint is decided."
    )
    code = "close_complaint_pending"


class NoHigherBody(AppealError):
    default_message = _("No higher body is recorded for this body; the complaint cannot be routed.")
    code = "no_higher_body"


class NotAnswered(AppealError):
    default_message = _("Only an answer can be rated, and this appeal has none yet.")
    code = "not_answered"


class RatingOutOfRange(AppealError):
    default_message = _("Choose a rating from 1 to 5.")
    code = "rating_range"
    field = "rating"


class AttachmentRejected(AppealError):
    default_message = _("The file was not accepted.")
    code = "attachment_rejected"


__all__ = [
    "AnonymousNotAllowed",
    "AppealError",
    "AssigneeNotMember",
    "AttachmentRejected",
    "ComplaintPending",
    "ComplaintWindowClosed",
    "ComplaintWindowOpen",
    "DeadlineNotLater",
    "DeadlinePassed",
    "ExtensionTooLong",
    "ForwardTooLate",
    "IdempotencyKeyTaken",
    "InvalidTransition",
    "LegalGroundNotApplicable",
    "LegalGroundRequired",
    "NoCompetentBody",
    "NoHigherBody",
    "NotAnswered",
    "NotChallengeable",
    "NumberExhausted",
    "PermissionDenied",
    "QuestionRequired",
    "RatingOutOfRange",
    "ReasonRequired",
    "SameBody",
    "TextRequired",
]


class AttachmentsNotSaved(AppealError):
    default_message = _(
        "We could not save your attachments just now, so nothing was sent. Your text is kept below: "
        "attach the files again and send it, or try again later."
    )
    code = "attachments_not_saved"


class IssueError(AppealError):
    default_message = _("This action on the systemic issue is not allowed.")
    code = "issue_error"


class IssueClosed(IssueError):
    default_message = _("This systemic issue is already answered or merged: it can no longer change.")
    code = "issue_closed"


class SplitNeedsSome(IssueError):
    default_message = _("Choose at least one appeal to split off, and leave at least one in the issue.")
    code = "split_needs_some"
    field = "appeals"


class MergeSameIssue(IssueError):
    default_message = _("Choose another issue of your body to merge into this one.")
    code = "merge_same_issue"
    field = "other"


class FixLinkInvalid(AppealError):
    default_message = _("This link is not valid or has expired.")
    code = "fix_link_invalid"
