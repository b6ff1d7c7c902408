"""Writes and transitions of peaceful assemblies. Nothing else assigns a status."""

from tyndau.assemblies.services.challenges import challenge_decide, challenge_file, challenge_obstacle
from tyndau.assemblies.services.monitoring import is_observer, observer_report_submit
from tyndau.assemblies.services.organisers import (
    co_organiser_confirm,
    draft_create,
    is_adult_on,
    parse_co_organisers,
)
from tyndau.assemblies.services.places import (
    DecisionRef,
    PlaceData,
    may_edit_places,
    place_change,
    place_create,
    place_remove,
)
from tyndau.assemblies.services.replies import (
    assembly_accept,
    assembly_accept_with_conditions,
    assembly_propose_alternative,
    assembly_record_outcome,
    assembly_refuse,
)
from tyndau.assemblies.services.submission import (
    alternative_accept,
    alternative_decline,
    assembly_notify,
    assembly_withdraw,
    can_organise,
)
from tyndau.assemblies.services.sweep import SweepResult, assembly_deem_silent, sweep_assembly_deadlines

__all__ = [
    "DecisionRef",
    "PlaceData",
    "SweepResult",
    "alternative_accept",
    "alternative_decline",
    "assembly_accept",
    "assembly_accept_with_conditions",
    "assembly_deem_silent",
    "assembly_notify",
    "assembly_propose_alternative",
    "assembly_record_outcome",
    "assembly_refuse",
    "assembly_withdraw",
    "can_organise",
    "challenge_decide",
    "challenge_file",
    "challenge_obstacle",
    "co_organiser_confirm",
    "draft_create",
    "is_adult_on",
    "is_observer",
    "may_edit_places",
    "observer_report_submit",
    "parse_co_organisers",
    "place_change",
    "place_create",
    "place_remove",
    "sweep_assembly_deadlines",
]
