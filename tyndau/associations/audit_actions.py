"""The associations app's audit action codes with their translated labels.

Imported by the audit app at start-up (tyndau.audit.actions; docs/development.md). Each action names the
role its actor acts in, which timelines show instead of a name: the applicant, a founder, or a registrar
of the registering body ("Registrar of <body>").
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.audit.actions import register_actions, register_actor_kinds, register_payload_fields

APPLICANT_ACTIONS = {
    "associations.application.created": _("Application to register a public association started"),
    "associations.charter.edited": _("Draft charter edited by the applicant"),
    "associations.application.submitted": _("Charter version submitted for registration"),
    "associations.application.withdrawn": _("Application withdrawn by the applicant"),
    "associations.document.uploaded": _("Signed application uploaded as PDF"),
    "associations.proposal.accepted": _("Proposed wording accepted by the applicant: a new version"),
    "associations.proposal.rejected": _("Proposed wording rejected by the applicant: the text stays"),
}
FOUNDER_ACTIONS = {
    "associations.founder.confirmed": _("A founder confirmed from a verified account"),
    "associations.founder.withdrawn": _("A founder withdrew"),
}
# After registration the association acts through its representative (the head, organisation role).
REPRESENTATIVE_ACTIONS = {
    "associations.amendment.started": _("Amendment of the charter started by the association"),
    "associations.amendment.edited": _("Draft amendment edited by the association"),
    "associations.decision.uploaded": _("Decision of the supreme body uploaded"),
    "associations.amendment.submitted": _("Amended charter submitted for registration"),
    "associations.amendment.withdrawn": _("Amendment withdrawn by the association"),
    "associations.amendment_proposal.accepted": _("Proposed wording accepted by the association: a new version"),
    "associations.amendment_proposal.rejected": _("Proposed wording rejected by the association: the text stays"),
}
REGISTRAR_ACTIONS = {
    "associations.amendment.registered": _("Amendment registered on the version the association submitted"),
    "associations.amendment.refused": _("Amendment refused, citing grounds and clauses"),
    "associations.amendment.corrections_requested": _("Corrections to the amendment asked for: proposals"),
    "associations.application.registered": _("Registered on the version the applicant submitted"),
    "associations.application.refused": _("Registration refused, citing grounds and clauses"),
    "associations.application.corrections_requested": _("Corrections asked for: proposals to the applicant"),
    "associations.application.suspended": _("Activity suspended by a court decision"),
    "associations.application.reinstated": _("Activity resumed"),
    "associations.application.liquidated": _("Liquidated"),
}

register_actor_kinds({"association_applicant": _("Applicant for registration"), "association_founder": _("Founder")})
register_actor_kinds({"association_registrar": _("Registrar")}, acts_for_body=True)
register_actor_kinds({"association_representative": _("Representative of the association")})
register_actions(REPRESENTATIVE_ACTIONS, actor_role="association_representative")
register_actions(APPLICANT_ACTIONS, actor_role="association_applicant")
register_actions(FOUNDER_ACTIONS, actor_role="association_founder")
register_actions(REGISTRAR_ACTIONS, actor_role="association_registrar")
register_payload_fields(
    {
        "round": _("Round"),
        "amendment": _("Amendment"),
        "version": _("Charter version"),
        "content_hash": _("Content hash (SHA-256)"),
        "review_due": _("Review due by"),
        "founders": _("Confirmed founders"),
        "clauses": _("Clauses cited"),
        "proposals": _("Proposals"),
        "bin": _("BIN"),
        "court_decision": _("Court decision"),
    }
)
