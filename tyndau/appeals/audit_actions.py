"""The appeals app's audit action codes and the role each actor acts in.

Imported by the audit app at start-up (tyndau.audit.actions; docs/development.md).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.appeals.labels import PAYLOAD_FORMATS
from tyndau.audit.actions import (
    owner_or,
    register_actions,
    register_actor_kinds,
    register_payload_fields,
    register_payload_formats,
)

register_actor_kinds(
    {
        "applicant": _("Applicant"),
        "cosigner": _("Co-signer"),
        "anonymous": _("Anonymous applicant"),
        "system:deadline_sweep": _("System (deadline sweep)"),
    }
)
register_actions(
    {
        "appeals.appeal.filed": _("Appeal registered"),
        "appeals.appeal.info_provided": _("Applicant replied"),
        "appeals.appeal.rated": _("Answer rated"),
        "appeals.complaint.filed": _("Complaint filed"),
    },
    actor_role="applicant",
)
register_actions({"appeals.appeal.cosigned": _("Co-signer confirmed")}, actor_role="cosigner")
register_actions(
    {
        "appeals.appeal.assigned": _("Assigned to an official"),
        "appeals.appeal.forwarded": _("Forwarded to the competent body"),
        "appeals.appeal.info_requested": _("Information requested from the applicant"),
        "appeals.appeal.extended": _("Deadline extended"),
        "appeals.appeal.answered": _("Answer sent"),
        "appeals.complaint.granted": _("Complaint granted by the body"),
        "appeals.complaint.decided": _("Complaint decided by the higher body"),
    },
    actor_role="official",
)
register_actions(
    {"appeals.complaint.passed": _("Complaint passed to the higher body")},
    actor_role="official",
    system_role="system:deadline_sweep",
)
register_actions(
    {"appeals.appeal.deemed_refused": _("No answer in time: deemed refusal")}, system_role="system:deadline_sweep"
)
register_actions(
    {"appeals.appeal.closed": _("Case closed")},
    actor_role=owner_or("applicant", "official", owner_field="applicant_id"),
    system_role="system:deadline_sweep",
)
register_actor_kinds({"system:grouping": _("System (grouping of systemic issues)")})
register_actions(
    {
        "appeals.issue.grouped": _("Grouped into a systemic issue"),
        "appeals.issue.answer_owed": _("Enough citizens: a public answer is owed"),
    },
    system_role="system:grouping",
)
register_actions(
    {
        "appeals.issue.split": _("Systemic issue split"),
        "appeals.issue.merged": _("Systemic issues merged"),
        "appeals.issue.answered": _("Public answer to a systemic issue published"),
    },
    actor_role="official",
)
register_actions(
    {"appeals.issue.overdue": _("Public answer to a systemic issue overdue")}, system_role="system:deadline_sweep"
)
register_payload_fields(
    {
        "deadline": _("Deadline"),
        "new_deadline": _("New deadline"),
        "outcome": _("Outcome"),
        "on_time": _("On time"),
        "decision_due": _("Decision due by"),
        "pass_due": _("To be passed on by"),
        "answer_due": _("Public answer due by"),
        # Issue 13: a legal entity's BIN is not personal data (its representative's name is, and is not here).
        "entity_bin": _("BIN of the legal entity"),
    }
)
register_payload_formats(PAYLOAD_FORMATS)  # True -> Yes, 'partly' -> its label, ISO dates -> local dates
register_actions({"appeals.open311.submitted": _("An application sent a request for a person to confirm")})
register_actions(
    {
        "appeals.open311.confirmed": _("Request from an application confirmed by the applicant"),
        "appeals.client.authorised": _("Application authorised to file for the person"),
    },
    actor_role="applicant",
)
register_actions(
    {
        "appeals.history.imported": _("Historical appeals imported for routing"),
        "appeals.routing.trained": _("Routing model retrained"),
    }
)
register_actor_kinds({"system:fix_questionnaire": _("System (“was it fixed?” questionnaire)")})
register_actions(
    {"appeals.appeal.fix_asked": _("Applicant asked whether the problem was solved")},
    system_role="system:fix_questionnaire",
)
register_actions(
    {"appeals.appeal.fix_reported": _("Applicant said whether the problem was solved")}, actor_role="applicant"
)
register_payload_fields({"fixed": _("Was the problem solved?")})
