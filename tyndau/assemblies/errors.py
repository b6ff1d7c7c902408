"""Domain errors of peaceful assemblies: one class per rule, each with its own translated message.

A service raises the class of the rule that refused; a view shows `str(exc)` (on the form field named
by `field`, when there is one).
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError, InvalidTransition, PermissionDenied


class AssemblyError(DomainError):
    default_message = _("This action on the assembly is not allowed.")
    code = "assembly_error"
    # The form field the refusal is about, if any.
    field: str | None = None


class OrganiserNotEligible(AssemblyError):
    default_message = _(
        "Only a citizen whose identity is verified, or the representative of an organisation, may organise "
        "a peaceful assembly. Verify your identity in your cabinet first."
    )
    code = "assembly_organiser_not_eligible"


class NotAnAkimat(AssemblyError):
    default_message = _("Choose the akimat of the city or district where the assembly takes place.")
    code = "assembly_not_an_akimat"
    field = "akimat"


class TooLate(AssemblyError):
    """The event is too soon for the lead time of its form; carries the earliest on-time date."""

    default_message = _("The date is too early for the notice the law requires for this form of assembly.")
    code = "assembly_too_late"
    field = "starts_at"

    def __init__(self, earliest: dt.date | None = None) -> None:
        self.earliest = earliest
        if earliest is None:
            super().__init__()
            return
        later = _("The earliest date that is still on time is %(date)s.") % {"date": date_format(earliest)}
        super().__init__(f"{self.default_message} {later}")


class OutsidePermittedHours(AssemblyError):
    default_message = _("An assembly must start and end within the permitted hours on the same day.")
    code = "assembly_outside_permitted_hours"
    field = "ends_at"


class EndBeforeStart(AssemblyError):
    default_message = _("The end must be after the start.")
    code = "assembly_end_before_start"
    field = "ends_at"


class OutsideKazakhstan(AssemblyError):
    default_message = _("The map point must be in Kazakhstan.")
    code = "assembly_outside_kazakhstan"
    field = "latitude"


class IdempotencyKeyTaken(AssemblyError):
    default_message = _("This form was already used by another person. Reload the page and try again.")
    code = "assembly_idempotency_key_taken"


class LegalGroundRequired(AssemblyError):
    default_message = _("A refusal must cite at least one ground of article 14 of the law.")
    code = "assembly_legal_ground_required"
    field = "legal_grounds"


class WrongDomainGround(AssemblyError):
    default_message = _("Cite only grounds of the law on peaceful assemblies.")
    code = "assembly_wrong_domain_ground"
    field = "legal_grounds"


class ProposalRequiredFirst(AssemblyError):
    default_message = _(
        "Before refusing because the place and time are taken, the akimat must first propose another "
        "place or time (Constitutional Court Normative Resolution No. 61-НП of 20 January 2025)."
    )
    code = "assembly_proposal_required_first"
    field = "legal_grounds"


class ConditionRequired(AssemblyError):
    default_message = _("Choose at least one condition.")
    code = "assembly_condition_required"
    field = "conditions"


class ReasonsRequired(AssemblyError):
    default_message = _("Give the reasons: the organiser is told them.")
    code = "assembly_reasons_required"
    field = "reasons"


class AlternativeNotDifferent(AssemblyError):
    default_message = _("A proposal must change the place or the time.")
    code = "assembly_alternative_not_different"
    field = "place_description"


class EventAlreadyStarted(AssemblyError):
    default_message = _("The assembly has already started: it can no longer be withdrawn.")
    code = "assembly_event_already_started"


class OutcomeTooEarly(AssemblyError):
    default_message = _("What happened can be recorded only from the day of the assembly.")
    code = "assembly_outcome_too_early"


class StopGroundRequired(AssemblyError):
    default_message = _("Stopping an assembly must cite a ground of the law (article 18).")
    code = "assembly_stop_ground_required"
    field = "legal_grounds"


class OnlyAkimatStops(AssemblyError):
    default_message = _("Only the akimat can record that an assembly was stopped.")
    code = "assembly_only_akimat_stops"
    field = "outcome"


__all__ = [
    "AlternativeNotDifferent",
    "AssemblyError",
    "ConditionRequired",
    "EndBeforeStart",
    "EventAlreadyStarted",
    "IdempotencyKeyTaken",
    "InvalidTransition",
    "LegalGroundRequired",
    "NotAnAkimat",
    "OnlyAkimatStops",
    "OrganiserNotEligible",
    "OutcomeTooEarly",
    "OutsideKazakhstan",
    "OutsidePermittedHours",
    "PermissionDenied",
    "ProposalRequiredFirst",
    "ReasonsRequired",
    "StopGroundRequired",
    "TooLate",
    "WrongDomainGround",
]


# --- Specialised places, capacity, who may organise (issue #12) -------------------------------------


class NotPlacesEditor(AssemblyError):
    default_message = _("Only an editor of specialised places acting for this maslikhat may change its register.")
    code = "assembly_not_places_editor"


class NotAMaslikhat(AssemblyError):
    default_message = _("Specialised places are set by a maslikhat: choose a maslikhat.")
    code = "assembly_not_a_maslikhat"


class PlaceHoursInvalid(AssemblyError):
    default_message = _("The permitted hours must end after they start.")
    code = "assembly_place_hours_invalid"
    field = "hours_until"


class PlaceUnchanged(AssemblyError):
    default_message = _("Nothing changed: a new version needs a change and the decision that made it.")
    code = "assembly_place_unchanged"


class DecisionRequired(AssemblyError):
    default_message = _("Give the number and date of the maslikhat decision.")
    code = "assembly_decision_required"
    field = "decision_number"


class PlaceNotInForce(AssemblyError):
    default_message = _("This specialised place is not in force: choose another place.")
    code = "assembly_place_not_in_force"
    field = "specialised_place"


class PlaceOfAnotherCity(AssemblyError):
    default_message = _("This specialised place is in another city or district than the akimat you chose.")
    code = "assembly_place_of_another_city"
    field = "specialised_place"


class OutsidePlaceHours(AssemblyError):
    default_message = _("The assembly must start and end within the permitted hours of the specialised place.")
    code = "assembly_outside_place_hours"
    field = "ends_at"


class OverCapacity(AssemblyError):
    """More participants expected than the place holds: the organiser may confirm and submit anyway."""

    default_message = _(
        "More participants are expected than the specialised place holds. Confirm that you want to submit anyway."
    )
    code = "assembly_over_capacity"
    field = "expected_participants"

    def __init__(self, capacity: int | None = None) -> None:
        self.capacity = capacity
        if capacity is None:
            super().__init__()
            return
        super().__init__(
            _(
                "The maslikhat set the capacity of this place at %(capacity)s people; you expect more. "
                "You may still submit: tick the confirmation. The akimat will see the warning."
            )
            % {"capacity": capacity}
        )


class RouteInvalid(AssemblyError):
    default_message = _("A route needs from 2 to 50 points, each a latitude and longitude in Kazakhstan.")
    code = "assembly_route_invalid"
    field = "route"


class PlaceRequired(AssemblyError):
    default_message = _("Choose a specialised place, describe another place, or give a route.")
    code = "assembly_place_required"
    field = "place_kind"


class OrganiserUnderage(AssemblyError):
    default_message = _("An organiser must be an adult (18 or older) on the day of the assembly.")
    code = "assembly_organiser_underage"


class BinRequired(AssemblyError):
    default_message = _("An organisation organises through its representative: give its BIN.")
    code = "assembly_bin_required"
    field = "organisation_bin"


class BinInvalid(AssemblyError):
    default_message = _("This BIN is not valid for a legal entity: check the digits.")
    code = "assembly_bin_invalid"
    field = "organisation_bin"


class CoOrganisersUnconfirmed(AssemblyError):
    default_message = _("Every co-organiser must confirm from their own account before the request is submitted.")
    code = "assembly_co_organisers_unconfirmed"


class CoOrganiserInvalid(AssemblyError):
    default_message = _("Name each co-organiser by a valid IIN or e-mail address, one per line, not yourself.")
    code = "assembly_co_organiser_invalid"
    field = "co_organisers"


class NotTheCoOrganiser(AssemblyError):
    default_message = _("This invitation names someone else.")
    code = "assembly_not_the_co_organiser"


class DraftAlreadySubmitted(AssemblyError):
    default_message = _("This request is already submitted.")
    code = "assembly_draft_already_submitted"


__all__ += [
    "BinInvalid",
    "BinRequired",
    "CoOrganiserInvalid",
    "CoOrganisersUnconfirmed",
    "DecisionRequired",
    "DraftAlreadySubmitted",
    "NotAMaslikhat",
    "NotPlacesEditor",
    "NotTheCoOrganiser",
    "OrganiserUnderage",
    "OutsidePlaceHours",
    "OverCapacity",
    "PlaceHoursInvalid",
    "PlaceNotInForce",
    "PlaceOfAnotherCity",
    "PlaceRequired",
    "PlaceUnchanged",
    "RouteInvalid",
]


class NotAnObserver(AssemblyError):
    default_message = _("Only an accredited observer may attach a monitoring report.")
    code = "assembly_not_an_observer"


class ReportTooEarly(AssemblyError):
    default_message = _("A monitoring report can be attached from the day of the assembly.")
    code = "assembly_report_too_early"


class ReportAboutWithdrawn(AssemblyError):
    default_message = _("The organiser withdrew this request: there was no assembly to observe.")
    code = "assembly_report_withdrawn"


class DetentionsOutOfRange(AssemblyError):
    default_message = _("Give the number of detentions reported, from 0 to 100,000.")
    code = "assembly_detentions_out_of_range"
    field = "detentions_reported"


class NotChallengeable(AssemblyError):
    default_message = _("Only a refusal or an acceptance with conditions can be challenged, before the assembly.")
    code = "assembly_not_challengeable"


class ChallengeAlreadyOpen(AssemblyError):
    default_message = _("A complaint against this decision is already with the higher body.")
    code = "assembly_challenge_open"


class NoHigherBody(AssemblyError):
    default_message = _("This akimat has no higher body in the directory: the complaint cannot be sent.")
    code = "assembly_no_higher_body"


class ComplaintTextRequired(AssemblyError):
    default_message = _("Say why the decision is wrong.")
    code = "assembly_complaint_text_required"
    field = "text"


class ChallengeOutcomeUnknown(AssemblyError):
    default_message = _("Choose whether the complaint is upheld or rejected.")
    code = "assembly_challenge_outcome_unknown"
    field = "outcome"
