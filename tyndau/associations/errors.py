"""Domain errors of association registration: one class per rule, each with its own translated message.

A service raises the class of the rule that refused; a view shows `str(exc)` (on the form field named
by `field`, when there is one).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError, InvalidTransition, PermissionDenied


class AssociationError(DomainError):
    default_message = _("This action on the application is not allowed.")
    code = "association_error"
    field: str | None = None


class ApplicantNotEligible(AssociationError):
    default_message = _(
        "Only a citizen whose identity is verified may apply to register a public association. "
        "Verify your identity in your cabinet first."
    )
    code = "association_applicant_not_eligible"


class FounderNotEligible(AssociationError):
    default_message = _(
        "Only a citizen whose identity is verified may be a founder. Verify your identity in your cabinet first."
    )
    code = "association_founder_not_eligible"


class FoundersLocked(AssociationError):
    default_message = _("Founders can join or withdraw only before the application is submitted for review.")
    code = "association_founders_locked"


class NotAFounder(AssociationError):
    default_message = _("You are not a founder of this association.")
    code = "association_not_a_founder"


class NotARegisteringBody(AssociationError):
    default_message = _(
        "Choose the registering body: the Ministry of Justice for a republican association, the justice "
        "department of the region otherwise."
    )
    code = "association_not_a_registering_body"
    field = "registering_body"


class IdempotencyKeyTaken(AssociationError):
    default_message = _("This form was already used by another person. Reload the page and try again.")
    code = "association_idempotency_key_taken"


class CharterMalformed(AssociationError):
    default_message = _("The charter could not be read: check its sections and clauses.")
    code = "association_charter_malformed"
    field = "charter"


class CharterNotEditable(AssociationError):
    default_message = _("The charter can be edited only while the application is a draft or back with you.")
    code = "association_charter_not_editable"


class TooFewFounders(AssociationError):
    default_message = _("Not enough founders have confirmed yet.")
    code = "association_too_few_founders"

    def __init__(self, confirmed: int | None = None, required: int | None = None) -> None:
        if confirmed is None or required is None:
            super().__init__()
            return
        super().__init__(
            _("%(confirmed)d of the %(required)d founders the law requires have confirmed.")
            % {"confirmed": confirmed, "required": required}
        )


class SectionsMissing(AssociationError):
    default_message = _("The charter lacks sections the law requires.")
    code = "association_sections_missing"

    def __init__(self, missing: list[str] | None = None) -> None:
        if not missing:
            super().__init__()
            return
        from tyndau.associations import rules

        names = ", ".join(str(rules.REQUIRED_SECTIONS[k]) for k in missing)
        super().__init__(_("The charter lacks sections the law requires: %(names)s.") % {"names": names})


class ClausesUntranslated(AssociationError):
    default_message = _("Every clause needs its text in Kazakh and in Russian.")
    code = "association_clauses_untranslated"

    def __init__(self, numbers: list[str] | None = None) -> None:
        if not numbers:
            super().__init__()
            return
        super().__init__(
            _("Every clause needs its text in Kazakh and in Russian; missing in clauses %(numbers)s.")
            % {"numbers": ", ".join(numbers[:20])}
        )


class VersionNotSubmitted(AssociationError):
    default_message = _(
        "Only the version of the charter the applicant submitted in this round can be registered; "
        "the hash given does not match it."
    )
    code = "association_version_not_submitted"
    field = "version_hash"


class InvalidBin(AssociationError):
    default_message = _("Enter a valid BIN.")
    code = "association_invalid_bin"
    field = "bin"


class LegalGroundRequired(AssociationError):
    default_message = _("A refusal must cite at least one ground of the law.")
    code = "association_legal_ground_required"
    field = "legal_grounds"


class WrongDomainGround(AssociationError):
    default_message = _("Cite only grounds of the laws on public associations and state registration.")
    code = "association_wrong_domain_ground"
    field = "legal_grounds"


class ClauseCitationRequired(AssociationError):
    default_message = _(
        "A ground that concerns the charter must cite the specific clause or clauses and the reason for each; "
        "citing the charter in general is not accepted."
    )
    code = "association_clause_citation_required"
    field = "citations"


class UnknownClause(AssociationError):
    default_message = _("There is no such clause in the submitted version of the charter.")
    code = "association_unknown_clause"
    field = "citations"


class ReasonsRequired(AssociationError):
    default_message = _("Give the reasons: the applicant is told them.")
    code = "association_reasons_required"
    field = "reasons"


class CommentRequired(AssociationError):
    default_message = _("Ask for at least one correction: a clause and a comment on it.")
    code = "association_comment_required"
    field = "comments"


class ProposalAlreadyAnswered(AssociationError):
    default_message = _("This proposal has already been answered.")
    code = "association_proposal_answered"


class ProposalWithoutWording(AssociationError):
    default_message = _("This comment proposes no wording to accept: edit the clause yourself, or reject the comment.")
    code = "association_proposal_without_wording"


class CourtDecisionRequired(AssociationError):
    default_message = _("Give the ground and the court decision reference.")
    code = "association_court_decision_required"
    field = "note"


class NotRegistered(AssociationError):
    default_message = _("Only a registered association amends its charter.")
    code = "association_not_registered"


class DecisionRequired(AssociationError):
    default_message = _("Upload the decision of the supreme body (a PDF) before submitting the amendment.")
    code = "association_decision_required"
    field = "file"


class CharterUnchanged(AssociationError):
    default_message = _("The amended charter is the same as the registered one: change at least one clause.")
    code = "association_charter_unchanged"


class DocumentInvalid(AssociationError):
    default_message = _("The file is not a readable PDF file (checked by its content, not its name).")
    code = "association_document_invalid"
    field = "file"


__all__ = [
    "ApplicantNotEligible",
    "AssociationError",
    "CharterMalformed",
    "CharterNotEditable",
    "CharterUnchanged",
    "ClauseCitationRequired",
    "ClausesUntranslated",
    "CommentRequired",
    "CourtDecisionRequired",
    "DecisionRequired",
    "DocumentInvalid",
    "FounderNotEligible",
    "FoundersLocked",
    "IdempotencyKeyTaken",
    "InvalidBin",
    "InvalidTransition",
    "LegalGroundRequired",
    "NotAFounder",
    "NotARegisteringBody",
    "NotRegistered",
    "PermissionDenied",
    "ProposalAlreadyAnswered",
    "ProposalWithoutWording",
    "ReasonsRequired",
    "SectionsMissing",
    "TooFewFounders",
    "UnknownClause",
    "VersionNotSubmitted",
    "WrongDomainGround",
]
