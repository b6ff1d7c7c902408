"""The intermediaries app's audit action codes with their translated labels.

Imported by the audit app at start-up (tyndau.audit.actions; docs/development.md). Acts for a citizen are
recorded twice in one transaction: the app's own event (`appeals.appeal.filed`, with `on_behalf` in its
payload) and `intermediaries.case.*`, whose actor is the intermediary.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.audit.actions import register_actions, register_actor_kinds

# "intermediary" and "citizen" are roles: the accounts app registers every role as an actor kind.
register_actor_kinds({"organisation_manager": _("Organisation that accredits intermediaries")})
register_actions(
    {
        "intermediaries.accreditation.granted": _("Intermediary accredited"),
        "intermediaries.accreditation.revoked": _("Intermediary's accreditation ended"),
    },
    actor_role="organisation_manager",
)
register_actions(
    {
        "intermediaries.consent.requested": _("Consent code sent to the citizen"),
        "intermediaries.consent.code_resent": _("Consent code sent again"),
        "intermediaries.consent.code_locked": _("Consent code locked after too many wrong tries"),
        "intermediaries.consent.confirmed": _("Citizen's consent confirmed with a one-time code"),
        "intermediaries.consent.scanned": _("Citizen's scanned signed consent recorded"),
        "intermediaries.case.appeal_filed": _("Appeal filed by an intermediary for the citizen"),
        "intermediaries.case.petition_signed": _("Petition signed by an intermediary for the citizen"),
        "intermediaries.case.assembly_notified": _(
            "Assembly notification submitted by an intermediary for the citizen"
        ),
    },
    actor_role="intermediary",
)
register_actions(
    {
        "intermediaries.consent.withdrawn": _("Consent withdrawn by the citizen"),
        "intermediaries.consent.sharing_changed": _("Citizen changed whether the intermediary sees answers"),
    },
    actor_role="citizen",
)
