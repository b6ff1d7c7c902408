"""The assemblies app's audit action codes with their translated labels.

Imported by the audit app at start-up (tyndau.audit.actions; docs/development.md). Each action names the
role its actor acts in, which timelines show instead of a name: the organiser, an official of the akimat
("Official of <akimat>"), or the silence sweep.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tyndau.audit.actions import owner_or, register_actions, register_actor_kinds, register_payload_fields

ORGANISER_ACTIONS = {
    "assemblies.assembly.notified": _("Notification or application submitted"),
    "assemblies.assembly.withdrawn": _("Withdrawn by the organiser"),
    "assemblies.alternative.accepted": _("Proposal accepted by the organiser"),
    "assemblies.alternative.declined": _("Proposal declined by the organiser: the akimat must reply again"),
}
AKIMAT_ACTIONS = {
    "assemblies.assembly.accepted": _("Accepted by the akimat"),
    "assemblies.assembly.accepted_with_conditions": _("Accepted by the akimat with conditions"),
    "assemblies.assembly.alternative_proposed": _("The akimat proposed another place or time"),
    "assemblies.assembly.refused": _("Refused by the akimat"),
}
OUTCOME_ACTIONS = {"assemblies.assembly.outcome_recorded": _("What happened on the day recorded")}
CHALLENGE_ACTIONS = {
    "assemblies.challenge.filed": _("Complaint to the higher body filed by the organiser"),
}
HIGHER_BODY_ACTIONS = {"assemblies.challenge.decided": _("Complaint decided by the higher body")}
OBSERVER_ACTIONS = {"assemblies.observer_report.submitted": _("Monitoring report attached by an accredited observer")}
SWEEP_ACTIONS = {
    "assemblies.assembly.held_as_notified": _("No reply in time: the assembly may be held as notified"),
    "assemblies.assembly.unanswered": _("No reply in time to the application"),
}

register_actor_kinds(
    {
        "assembly_organiser": _("Organiser of the assembly"),
        "assembly_observer": _("Accredited observer"),
        "system:assembly_sweep": _("System (reply deadline sweep)"),
    }
)
register_actions(ORGANISER_ACTIONS, actor_role="assembly_organiser")
register_actions(AKIMAT_ACTIONS, actor_role="official")
register_actions(OUTCOME_ACTIONS, actor_role=owner_or("assembly_organiser", "official", owner_field="organiser_id"))
register_actions(CHALLENGE_ACTIONS, actor_role="assembly_organiser")
register_actions(HIGHER_BODY_ACTIONS, actor_role="official")
register_actions(OBSERVER_ACTIONS, actor_role="assembly_observer")
register_actions(SWEEP_ACTIONS, system_role="system:assembly_sweep")
register_payload_fields(
    {
        "form": _("Form"),
        "reply_due": _("Reply due by"),
        "event_date": _("Date of the assembly"),
        "conditions": _("Conditions"),
        "grounds": _("Legal grounds"),
        "outcome": _("Outcome"),
        "on_time": _("On time"),
        "held": _("Held"),
        "interventions": _("Interventions by the authorities"),
        "detentions_reported": _("Detentions reported"),
    }
)


# --- The register of specialised places and co-organisers (issue #12) --------------------------------
PLACE_ACTIONS = {
    "assemblies.place.created": _("Specialised place entered with the maslikhat decision"),
    "assemblies.place.changed": _("Specialised place changed by a maslikhat decision (new version)"),
    "assemblies.place.removed": _("Specialised place removed by a maslikhat decision"),
}
CO_ORGANISER_ACTIONS = {
    "assemblies.draft.created": _("Request prepared: waiting for the co-organisers to confirm"),
    "assemblies.co_organiser.confirmed": _("A co-organiser confirmed from their own account"),
}
register_actor_kinds(
    {
        "places_editor": _("Editor of specialised places"),
        "assembly_co_organiser": _("Co-organiser of the assembly"),
    }
)
register_actions(PLACE_ACTIONS, actor_role="places_editor")
register_actions(
    {"assemblies.draft.created": CO_ORGANISER_ACTIONS["assemblies.draft.created"]}, actor_role="assembly_organiser"
)
register_actions(
    {"assemblies.co_organiser.confirmed": CO_ORGANISER_ACTIONS["assemblies.co_organiser.confirmed"]},
    actor_role="assembly_co_organiser",
)
register_payload_fields(
    {
        "version": _("Version"),
        "change": pgettext_lazy("place version", "Change"),
        "capacity": _("Capacity"),
        "capacity_before": _("Capacity before"),
        "decision": _("Maslikhat decision"),
        "decision_date": _("Decision date"),
        "place_kind": _("Kind of place"),
        "over_capacity": _("Above the place's capacity"),
        "route_points": _("Points of the route"),
        "co_organisers": _("Co-organisers"),
    }
)
