"""The petitions app's audit action codes and the role each actor acts in.

Imported by the audit app at start-up (tyndau.audit.actions; docs/development.md).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.audit.actions import register_actions, register_actor_kinds

register_actor_kinds(
    {"petition_author": _("Petition author"), "system:petition_sweep": _("System (signature count and periods)")}
)
register_actions(
    {
        "petitions.petition.drafted": _("Petition drafted"),
        "petitions.petition.edited": _("Petition draft edited"),
        "petitions.petition.submitted": _("Petition submitted for moderation"),
        "petitions.petition.resubmitted": _("Petition resubmitted after rejection"),
    },
    actor_role="petition_author",
)
register_actions(
    {
        "petitions.petition.approved": _("Petition approved and opened for signatures"),
        "petitions.petition.rejected": _("Petition rejected by moderation"),
        "petitions.signature.invalidated": _("Signatures invalidated"),
    },
    actor_role="moderator",
)
register_actions(
    {
        "petitions.petition.listed": _("Petition listed publicly"),
        "petitions.petition.forwarded": _("Petition forwarded to the addressee"),
        "petitions.petition.closed": _("Signature collection closed"),
    },
    actor_role="moderator",
    system_role="system:petition_sweep",
)
register_actions({"petitions.petition.responded": _("Response published")}, actor_role="official")
